/**
 * Optional side-by-side run of the official Schematron compiled to XSLT (a SaxonJS .sef.json
 * the user downloads/compiles; never committed) against the native validator, on the same
 * files: timing ratio, and verdict agreement (failed-assert ids and flags from the SVRL).
 *
 * SAXONJS_XSLT_SEF=path/to/EN16931-UBL-validation.sef.json   (required to run)
 * SAXONJS_SYNTAX=ubl|cii   which official examples to use (default ubl)
 * SAXONJS_RULES=en16931|peppol   native rule set matching the XSLT (default en16931)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { validateXml, type RuleSetName } from '../src/lib/validation/validator';
import { parseXml } from '../src/lib/xml/parse-xml';
import { attr, descendants } from '../src/lib/xml/query';

const SAXON_PACKAGE = 'saxon-js';
const SVRL_NS = 'http://purl.oclc.org/dsdl/svrl';

interface SaxonLike {
  transform(options: Record<string, unknown>, execution?: 'sync'): { principalResult?: unknown };
}


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
}

function timeN(fn: () => unknown, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** `id:flag` of every failed assert / successful report in an SVRL result. */
function svrlVerdicts(svrl: string): Set<string> {
  const root = parseXml(svrl).root;
  const out = new Set<string>();
  for (const el of descendants(root, SVRL_NS)) {
    if (el.local !== 'failed-assert' && el.local !== 'successful-report') continue;
    out.add(`${attr(el, 'id') ?? '?'}:${attr(el, 'flag') ?? 'fatal'}`);
  }
  return out;
}

/** Runs the comparison, or prints why it is skipped. `files` are the candidates per syntax. */
export function compareWithSaxon(filesBySyntax: Record<'ubl' | 'cii', string[]>): void {
  const sef = process.env['SAXONJS_XSLT_SEF'];
  if (!sef) {
    console.log('SaxonJS comparison: skipped (set SAXONJS_XSLT_SEF to the official Schematron XSLT compiled to .sef.json)');
    return;
  }
  let saxon: SaxonLike;
  try {
    // Optional and not a dependency: resolved at run time only when the comparison is asked for.
    saxon = createRequire(__filename)(SAXON_PACKAGE) as SaxonLike;
  } catch {
    console.log('SaxonJS comparison: skipped (saxon-js is not installed; `npm i --no-save saxon-js` to try it)');
    return;
  }
  const syntax = process.env['SAXONJS_SYNTAX'] === 'cii' ? 'cii' : 'ubl';
  const rules: RuleSetName[] = [process.env['SAXONJS_RULES'] === 'peppol' ? 'peppol' : 'en16931'];
  // The parsed SEF is handed over once (SaxonJS 2 `stylesheetInternal`); if this SaxonJS does not
  // accept it, fall back to the file name (slower: SaxonJS then re-reads the SEF per call).
  let stylesheet: Record<string, unknown> = { stylesheetInternal: JSON.parse(readFileSync(sef, 'utf8')) as unknown };
  const run = (text: string): string => {
    let r: { principalResult?: unknown };
    try {
      r = saxon.transform({ ...stylesheet, sourceText: text, destination: 'serialized' }, 'sync');
    } catch (e) {
      if (!('stylesheetInternal' in stylesheet)) throw e;
      stylesheet = { stylesheetFileName: sef };
      r = saxon.transform({ ...stylesheet, sourceText: text, destination: 'serialized' }, 'sync');
    }
    return typeof r.principalResult === 'string' ? r.principalResult : '';
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  let agree = 0;
  const disagreements: string[] = [];
  const files = filesBySyntax[syntax];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const svrl = run(text);
    const official = svrlVerdicts(svrl);
    theirs.push(median(timeN(() => run(text), 3)));
    ours.push(median(timeN(() => validateXml(text, { ruleSets: rules }), 50)));
    const native = new Set(validateXml(text, { ruleSets: rules }).findings.map((x) => `${x.rule}:${x.flag}`));
    const missing = [...official].filter((v) => !native.has(v));
    const extra = [...native].filter((v) => !official.has(v));
    if (missing.length === 0 && extra.length === 0) agree++;
    else disagreements.push(`  ${f}: official only [${missing.join(', ')}], native only [${extra.join(', ')}]`);
  }
  const a = median(ours);
  const b = median(theirs);
  console.log(`SaxonJS comparison (${files.length} ${syntax.toUpperCase()} files, native rules ${rules.join('+')}):`);
  console.log(`  median per invoice: SaxonJS ${b.toFixed(1)} ms, native ${(a * 1000).toFixed(0)} µs → ${(b / a).toFixed(0)}x faster`);
  console.log(`  same verdicts (failed-assert ids and flags) on ${agree}/${files.length} files`);
  for (const d of disagreements) console.log(d);
}
