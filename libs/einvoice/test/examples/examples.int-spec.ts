import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validateXml, type RuleSetName, type ValidationResult } from '../../src/lib/validation/validator';
import { conformanceDir, describeConformance } from '../conformance/vefa';

/**
 * Every official example must validate without a fatal finding against the rules its publisher
 * validates it with: the EN 16931 examples (and the CIUS-RO ones, whose national rules we do not
 * implement) with the EN 16931 rules; the Peppol examples with EN 16931 + Peppol BIS 3.
 * Some EN examples carry a Peppol CustomizationID yet break Peppol-only rules (issue116.xml's
 * Swedish organisation number fails PEPPOL-COMMON-R049's Luhn check), so the rule sets are
 * explicit here rather than picked from the CustomizationID.
 * CIUS-RO's ubl_b2g_example6.xml is known-invalid (BR-S-08) and excluded.
 */
const GROUPS: readonly { name: string; dir: string; expected: number; rules: readonly RuleSetName[]; exclude?: readonly string[] }[] = [
  { name: 'EN 16931 UBL', dir: 'en16931/ubl/examples', expected: 19, rules: ['en16931'] },
  { name: 'EN 16931 CII', dir: 'en16931/cii/examples', expected: 15, rules: ['en16931'] },
  { name: 'Peppol BIS 3', dir: 'peppol-bis3/examples', expected: 9, rules: ['en16931', 'peppol'] },
  { name: 'CIUS-RO', dir: 'cius-ro/examples', expected: 10, rules: ['en16931'], exclude: ['ubl_b2g_example6.xml'] },
];

/**
 * Examples that get a fatal finding from the official rules themselves, with the only rule ids
 * allowed to fire and why. Any other fatal finding still fails the test; entries are printed.
 */
const SR53 = {
  rules: ['UBL-SR-53'],
  reason:
    'buyer PartyTaxScheme has an empty cac:TaxScheme; the official EN 16931 v1.3.16 Schematron fires UBL-SR-53 there too (exists(cac:TaxScheme/cbc:ID) is false)',
};
const KNOWN_FAILURES: Readonly<Record<string, { readonly rules: readonly string[]; readonly reason: string }>> = {
  'ubl_b2g_example0.xml': SR53,
  'ubl_b2g_example1.xml': SR53,
  'ubl_b2g_example5.xml': SR53,
  'ubl_b2g_example7.xml': SR53,
};

/** Case-insensitive: two EN 16931 UBL examples are named *.XML. */
function listExamples(dir: string, exclude: readonly string[] = []): string[] {
  const full = join(conformanceDir, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.toLowerCase().endsWith('.xml') && !exclude.includes(f))
    .sort()
    .map((f) => join(full, f));
}

describeConformance('official examples have no fatal findings', () => {
  const summary: string[] = [];

  afterAll(() => {
    console.log(`official examples:\n${summary.join('\n')}`);
  });

  for (const group of GROUPS) {
    describe(`${group.name} (${group.rules.join(' + ')})`, () => {
      const files = listExamples(group.dir, group.exclude);
      let clean = 0;
      let warnings = 0;
      const knownFailing: string[] = [];

      afterAll(() => {
        summary.push(
          `  ${group.name}: ${files.length} files, ${clean} without fatal findings, ${warnings} warnings in total` +
            (knownFailing.length ? `\n    known failures (official rules agree):\n      ${knownFailing.join('\n      ')}` : ''),
        );
      });

      it(`has the expected number of examples (${group.expected})`, () => {
        expect(files).toHaveLength(group.expected);
      });

      it.each(files.map((f) => [basename(f), f]))('%s', (name, file) => {
        const result: ValidationResult = validateXml(readFileSync(file), { ruleSets: group.rules });
        const fatal = result.findings.filter((f) => f.flag === 'fatal');
        warnings += result.findings.length - fatal.length;
        expect(result.syntax).not.toBe('unknown');
        const known = KNOWN_FAILURES[name];
        const unexpected = fatal.filter((f) => !known?.rules.includes(f.rule));
        if (fatal.length === 0) clean++;
        else if (unexpected.length === 0 && known) knownFailing.push(`${name} (${known.rules.join(', ')}: ${known.reason})`);
        expect(unexpected.map((f) => `${f.rule} at ${f.location}: ${f.message}`)).toEqual([]);
      });
    });
  }
});
