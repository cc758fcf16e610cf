import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { en16931CiiRules } from '../../src/lib/validation/en16931-cii';
import { CODE_LISTS_BY_RULE } from '../../src/lib/validation/en16931-cii/code-list.rules';
import { CII_RULE_INVENTORY } from '../../src/lib/validation/en16931-cii/rule-inventory';
import type { Finding } from '../../src/lib/validation/finding';
import { parseXml } from '../../src/lib/xml/parse-xml';
import {
  conformanceDir,
  describeConformance,
  listXml,
  loadVefaFolder,
} from './vefa';

/**
 * EN 16931 rules for CII against the official material: every CEN example has no fatal finding,
 * the Peppol CII unit-test documents are judged without an exception, and the rule inventory
 * matches the official rule list id for id and flag for flag.
 */
describeConformance('EN 16931 CII rules (conformance)', () => {
  it('finds no fatal error in any official CII example', () => {
    const files = listXml('en16931/cii/examples');
    const rows: string[] = [];
    let clean = 0;
    for (const file of files) {
      const findings: Finding[] = [];
      en16931CiiRules.run(parseXml(readFileSync(file)).root, findings);
      const fatal = findings.filter((f) => f.flag === 'fatal');
      if (fatal.length === 0) clean++;
      rows.push(
        `${basename(file)}: ${fatal.length} fatal, ${findings.length - fatal.length} warnings${fatal.length ? ` (${fatal.map((f) => f.rule).join(', ')})` : ''}`,
      );
    }
    console.log(
      `EN 16931 CII examples: ${clean}/${files.length} without fatal findings\n${rows.join('\n')}`,
    );
    expect(files).toHaveLength(15);
    expect(clean).toBe(files.length);
  });

  it('judges every Peppol CII unit-test document without throwing', () => {
    const cases = loadVefaFolder('peppol-bis3/unit/unit-CII-PEPPOL');
    let findings = 0;
    for (const c of cases) {
      const out: Finding[] = [];
      expect(() => en16931CiiRules.run(c.document, out)).not.toThrow();
      for (const f of out)
        expect(f.location.startsWith('/rsm:CrossIndustryInvoice')).toBe(true);
      findings += out.length;
    }
    console.log(
      `EN 16931 CII rules over ${cases.length} Peppol CII unit-test documents: ${findings} findings, no exception`,
    );
    expect(cases).toHaveLength(127);
  });

  it('never throws on examples with odd values or moved elements', () => {
    const odd = [
      '',
      ' ',
      'abc',
      '1e999999999',
      'NaN',
      '-INF',
      '1.',
      '.',
      '9'.repeat(300),
      '1,5',
      '\u0661\u0662',
      '1 2',
    ];
    let seed = 1;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let runs = 0;
    for (const file of listXml('en16931/cii/examples')) {
      const src = readFileSync(file, 'utf8');
      for (let k = 0; k < 20; k++) {
        let x = src;
        for (let j = 0; j < 3; j++) {
          const leaves = [...x.matchAll(/<(ram:\w+)(\s[^>]*)?>([^<]*)<\/\1>/g)];
          const leaf = leaves[rnd(leaves.length)];
          if (!leaf) continue;
          const at = leaf.index ?? 0;
          const replacement =
            rnd(2) === 0
              ? leaf[0].replace(
                  `>${leaf[3] ?? ''}<`,
                  `>${odd[rnd(odd.length)] ?? ''}<`,
                )
              : leaf[0] + leaf[0];
          x = x.slice(0, at) + replacement + x.slice(at + leaf[0].length);
        }
        const out: Finding[] = [];
        expect(() => en16931CiiRules.run(parseXml(x).root, out)).not.toThrow();
        runs++;
      }
    }
    console.log(
      `EN 16931 CII rules over ${runs} mutated examples: no exception`,
    );
  });

  it('knows every official assertion with its flag', () => {
    // Test-time cross-check only: the rules themselves never read the Schematron.
    const sch = readFileSync(
      join(
        conformanceDir,
        'en16931/rules/EN16931-CII-validation-preprocessed.sch',
      ),
      'utf8',
    );
    const official = [
      ...sch.matchAll(/<assert\b[^>]*\bid="([^"]+)"[^>]*\bflag="([^"]+)"/g),
    ]
      .map((m) => `${m[1]} ${m[2]}`)
      .sort();
    const ours = CII_RULE_INVENTORY.map((r) => `${r.id} ${r.flag}`).sort();
    console.log(
      `EN 16931 CII rule inventory: ${ours.length} of ${official.length} official assertions`,
    );
    expect(official).toHaveLength(806);
    expect(ours).toEqual(official);
  });

  it('uses exactly the official code lists', () => {
    const sch = readFileSync(
      join(
        conformanceDir,
        'en16931/rules/EN16931-CII-validation-preprocessed.sch',
      ),
      'utf8',
    );
    const differing: string[] = [];
    for (const [rule, list] of Object.entries(CODE_LISTS_BY_RULE)) {
      const test =
        new RegExp(`<assert\\b[^>]*\\bid="${rule}"[^>]*\\btest="([^"]*)"`).exec(
          sch,
        )?.[1] ?? '';
      // Either the padded list of contains('...', ...) or the mime equalities of BR-CL-24.
      const padded = /contains\('([^']*)'/.exec(test)?.[1];
      const codes =
        padded !== undefined
          ? padded.split(' ').filter((c) => c !== '')
          : [...test.matchAll(/= '([^']*)'/g)].map((m) => m[1] ?? '');
      const official = [...new Set(codes)].sort();
      const ours = [...list.codes].sort();
      if (JSON.stringify(official) !== JSON.stringify(ours))
        differing.push(
          `${rule}: official ${official.length}, ours ${ours.length}`,
        );
    }
    console.log(
      `EN 16931 CII code lists: ${Object.keys(CODE_LISTS_BY_RULE).length - differing.length}/${Object.keys(CODE_LISTS_BY_RULE).length} identical to the official lists`,
    );
    expect(differing).toEqual([]);
  });
});
