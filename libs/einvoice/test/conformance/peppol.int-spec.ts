import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseXml } from '../../src/lib/xml/parse-xml';
import type { Finding, RuleSet } from '../../src/lib/validation/finding';
import { peppolCiiRules, peppolUblRules } from '../../src/lib/validation/peppol';
import { describeConformance, listXml, loadVefaFolder, type VefaCase } from './vefa';

/**
 * Peppol BIS 3.0 conformance: the official vefa unit tests for UBL and CII, and the official
 * example documents (which must have no fatal finding).
 */

/** Cases known to fail, as `file#id`; printed so the list is never forgotten. Keep it empty. */
const KNOWN_FAILING: readonly string[] = [];

function verdict(c: VefaCase, rules: RuleSet): string[] {
  const findings: Finding[] = [];
  rules.run(c.document, findings);
  const problems: string[] = [];
  for (const id of c.success) if (findings.some((f) => f.rule === id)) problems.push(`${id} fired`);
  for (const id of c.error) if (!findings.some((f) => f.rule === id && f.flag === 'fatal')) problems.push(`${id} did not fire as fatal`);
  for (const id of c.warning) if (!findings.some((f) => f.rule === id && f.flag === 'warning')) problems.push(`${id} did not fire as warning`);
  return problems;
}

function runFolder(label: string, folder: string, rules: RuleSet, expected: number): void {
  const cases = loadVefaFolder(folder);
  const results = cases.map((c, i) => ({ key: `${c.file}#${i + 1}`, c, problems: verdict(c, rules) }));
  const passed = results.filter((r) => r.problems.length === 0).length;
  const unexpected = results.filter((r) => r.problems.length > 0 && !KNOWN_FAILING.includes(r.key));
  const known = results.filter((r) => KNOWN_FAILING.includes(r.key));
  console.log(
    `${label}: ${passed}/${cases.length}` +
      (known.length ? `\n  known failing (${known.length}): ${known.map((r) => r.key).join(', ')}` : '') +
      (unexpected.length ? `\n  failing:\n${unexpected.map((r) => `    ${r.key}: ${r.problems.join('; ')}`).join('\n')}` : ''),
  );
  expect(cases.length).toBe(expected);
  expect(unexpected.map((r) => `${r.key}: ${r.problems.join('; ')}`)).toEqual([]);
}

describeConformance('Peppol BIS 3.0 conformance', () => {
  it('passes every unit-UBL-PEPPOL case', () => {
    runFolder('Peppol UBL unit', 'peppol-bis3/unit/unit-UBL-PEPPOL', peppolUblRules, 221);
  });

  it('passes every unit-CII-PEPPOL case', () => {
    runFolder('Peppol CII unit', 'peppol-bis3/unit/unit-CII-PEPPOL', peppolCiiRules, 127);
  });

  it('finds no fatal error in the official Peppol examples', () => {
    const files = listXml('peppol-bis3/examples');
    const fatal: string[] = [];
    for (const file of files) {
      const findings: Finding[] = [];
      peppolUblRules.run(parseXml(readFileSync(file)).root, findings);
      for (const f of findings) if (f.flag === 'fatal') fatal.push(`${basename(file)}: ${f.rule} at ${f.location}`);
    }
    console.log(`Peppol examples without fatal findings: ${files.length - new Set(fatal.map((f) => f.split(':')[0])).size}/${files.length}`);
    expect(files.length).toBe(9);
    expect(fatal).toEqual([]);
  });

  it('no official Peppol test is excused as known to fail', () => {
    console.log(`Peppol KNOWN_FAILING (${KNOWN_FAILING.length}): ${KNOWN_FAILING.join(', ') || 'none'}`);
    expect(KNOWN_FAILING).toEqual([]);
  });
});
