import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generatePeppolUbl } from '../../bench/generate-ubl';
import { readInvoice, writeEe } from '../../src/lib/syntax';
import { INTERNAL_ERROR_RULE, validateDocument } from '../../src/lib/validation/validator';
import { parseXml, XmlParseError } from '../../src/lib/xml/parse-xml';
import { conformanceDir } from '../conformance/vefa';
import { MUTATORS, seededRandom } from './mutators';

/**
 * Mutation fuzzing of parse + validate. Contract: every input either yields a result or an
 * XmlParseError — never another exception, never a rule-set crash, never slower than the budget.
 * Deterministic: FUZZ_SEED / FUZZ_CASES env vars override the defaults to explore further.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20240301);
const CASES = Number(process.env['FUZZ_CASES'] ?? 400);
/** Generous: the machine is shared; a real hang or quadratic blow-up takes far longer. */
const BUDGET_MS = 1500;

function corpus(): { name: string; bytes: Buffer }[] {
  const out = [
    { name: 'generated-20-lines', bytes: Buffer.from(generatePeppolUbl(20)) },
    {
      name: 'cii-minimal',
      bytes: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"><rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext></rsm:CrossIndustryInvoice>',
      ),
    },
  ];
  const [model] = readInvoice(parseXml(generatePeppolUbl(5)).root);
  if (model) out.push({ name: 'generated-ee', bytes: Buffer.from(writeEe([model, model])) });
  for (const dir of ['en16931/ubl/examples', 'en16931/cii/examples', 'peppol-bis3/examples', 'cius-ro/examples']) {
    const full = join(conformanceDir, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full).sort()) {
      if (f.toLowerCase().endsWith('.xml')) out.push({ name: `${dir}/${f}`, bytes: readFileSync(join(full, f)) });
    }
  }
  return out;
}

interface Outcome {
  readonly kind: 'ok' | 'parse-error' | 'crash' | 'internal' | 'slow';
  readonly detail: string;
  readonly ms: number;
}

function runCase(bytes: Buffer): Outcome {
  const t0 = performance.now();
  try {
    const { root } = parseXml(bytes);
    const r = validateDocument(root, { ruleSets: ['en16931', 'peppol'] });
    void r.valid;
    const internal = r.findings.find((f) => f.rule === INTERNAL_ERROR_RULE);
    const ms = performance.now() - t0;
    if (internal) return { kind: 'internal', detail: internal.message, ms };
    return { kind: ms > BUDGET_MS ? 'slow' : 'ok', detail: '', ms };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof XmlParseError) return { kind: ms > BUDGET_MS ? 'slow' : 'parse-error', detail: e.code, ms };
    return { kind: 'crash', detail: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e), ms };
  }
}

describe('fuzz: parseXml + validate never crash, never hang', () => {
  const files = corpus();
  const rnd = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => {
    const file = files[Math.floor(rnd() * files.length)] ?? files[0];
    const mutator = MUTATORS[i % MUTATORS.length] ?? MUTATORS[0];
    if (!file || !mutator) throw new Error('empty corpus');
    // Some cases stack two mutations.
    let bytes = mutator.mutate(file.bytes, rnd);
    let label = mutator.name;
    if (rnd() < 0.25) {
      const second = MUTATORS[Math.floor(rnd() * MUTATORS.length)] ?? mutator;
      bytes = second.mutate(bytes, rnd);
      label += ` + ${second.name}`;
    }
    return { id: i, label: `#${i} ${label} on ${basename(file.name)}`, bytes };
  });

  it(`survives ${CASES} mutated documents (seed ${SEED})`, () => {
    const tally = new Map<string, number>();
    const problems: string[] = [];
    let slowest = { ms: 0, label: '' };
    for (const c of cases) {
      const o = runCase(c.bytes);
      const key = o.kind === 'parse-error' ? `parse-error ${o.detail}` : o.kind;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (o.ms > slowest.ms) slowest = { ms: o.ms, label: c.label };
      if (o.kind === 'crash' || o.kind === 'internal' || o.kind === 'slow') {
        problems.push(`${c.label}: ${o.kind} after ${o.ms.toFixed(0)} ms: ${o.detail.split('\n').slice(0, 4).join(' | ')}`);
      }
    }
    console.log(
      `fuzz seed ${SEED}, ${CASES} cases, corpus ${files.length} files:\n` +
        [...tally.entries()].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n') +
        `\n  slowest: ${slowest.ms.toFixed(1)} ms (${slowest.label})`,
    );
    expect(problems).toEqual([]);
  }, 600_000);

  it('refuses a 100 MB input by size without reading it', () => {
    // 0xff bytes are invalid UTF-8: TOO_LARGE (not ENCODING) proves size is checked before decoding.
    const big = Buffer.alloc(100 * 1024 * 1024, 0xff);
    const t0 = performance.now();
    let code = '';
    try {
      parseXml(big);
    } catch (e) {
      code = e instanceof XmlParseError ? e.code : 'other';
    }
    expect(code).toBe('TOO_LARGE');
    // Lenient: the machine is shared; decoding 100 MB alone would take far longer than this.
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
