/**
 * `npm run bench:einvoice`: parse + validate (EN 16931 + Peppol rules) timing over the
 * official examples and over generated invoices of growing size, with the targets from the
 * issue (≤ 1 ms median per example, ≤ 50 ms for 2,000 lines, linear growth) checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { validateXml, type ValidationResult } from '../src/lib/validation/validator';
import { parseXml } from '../src/lib/xml/parse-xml';
import { generatePeppolUbl } from './generate-ubl';
import { compareWithSaxon } from './saxon-compare';

const conformanceDir = resolve(process.env['HUB_CONFORMANCE_DIR'] ?? join(__dirname, '../../../../shared/conformance'));
const RULES = { ruleSets: ['en16931', 'peppol'] as const };

/**
 * A full GC before each timed batch, so one batch's garbage is not billed to the next (a
 * service also starts each request from a collected heap more or less). Uses V8's own gc,
 * exposed at run time because the npm script passes no node flags.
 */
setFlagsFromString('--expose-gc');
const maybeGc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
function settle(): void {
  if (typeof maybeGc === 'function') (maybeGc as () => void)();
}

let peakHeap = 0;
function sampleHeap(): void {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx] as number;
}

interface Stats {
  readonly n: number;
  readonly median: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p99: quantile(s, 0.99), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

function line(label: string, st: Stats, extra = ''): void {
  console.log(
    `${label.padEnd(34)} n=${String(st.n).padStart(5)}  median ${fmt(st.median).padStart(9)}  p99 ${fmt(st.p99).padStart(9)}  ` +
      `spread ${fmt(st.min)}..${fmt(st.max)} (p99/median ${(st.p99 / st.median).toFixed(2)})${extra}`,
  );
}

/** Times `fn` repeatedly: at least `minRuns`, until `budgetMs` is spent or `maxRuns` reached. */
function timeRuns(fn: () => unknown, minRuns: number, maxRuns: number, budgetMs: number): number[] {
  settle();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < maxRuns && (out.length < minRuns || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
    if (out.length % 16 === 0) sampleHeap();
  }
  sampleHeap();
  return out;
}

function listXml(rel: string): string[] {
  const dir = join(conformanceDir, rel);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .sort()
    .map((f) => join(dir, f));
}

function fatalCount(r: ValidationResult): number {
  return r.findings.filter((f) => f.flag === 'fatal').length;
}

function benchExamples(): boolean {
  const groups: [string, string][] = [
    ['EN 16931 UBL examples', 'en16931/ubl/examples'],
    ['EN 16931 CII examples', 'en16931/cii/examples'],
    ['Peppol BIS 3 examples', 'peppol-bis3/examples'],
  ];
  if (!existsSync(conformanceDir)) {
    console.log(`examples: skipped (conformance folder ${conformanceDir} is absent; set HUB_CONFORMANCE_DIR)`);
    return true;
  }
  let ok = true;
  const all: number[] = [];
  for (const [label, rel] of groups) {
    const files = listXml(rel);
    const perInvoice: number[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      for (let i = 0; i < 20; i++) validateXml(bytes, RULES); // warm-up (JIT)
      // Each sample is one parse + validate of one invoice.
      perInvoice.push(...timeRuns(() => validateXml(bytes, RULES), 50, 400, 150));
    }
    all.push(...perInvoice);
    const st = stats(perInvoice);
    const pass = st.median <= 1;
    ok &&= pass;
    line(`${label} (${files.length})`, st, `  target median ≤ 1 ms: ${pass ? 'PASS' : 'FAIL'}`);
  }
  line('all official examples', stats(all));
  return ok;
}

function benchGenerated(): boolean {
  const sizes = [10, 100, 1000, 2000, 10000];
  const perLine: { lines: number; median: number }[] = [];
  let ok = true;
  for (const n of sizes) {
    const xml = Buffer.from(generatePeppolUbl(n));
    const check = validateXml(xml, RULES);
    const fatal = fatalCount(check);
    for (let i = 0; i < (n >= 2000 ? 2 : 5); i++) validateXml(xml, RULES);
    const cpu0 = process.cpuUsage();
    const samples = timeRuns(() => validateXml(xml, RULES), n >= 10000 ? 5 : 10, 500, n >= 2000 ? 3000 : 1000);
    const cpu = process.cpuUsage(cpu0);
    const cpuPerOp = (cpu.user + cpu.system) / 1000 / samples.length;
    const st = stats(samples);
    perLine.push({ lines: n, median: st.median });
    const parseOnly = stats(timeRuns(() => parseXml(xml), n >= 10000 ? 5 : 10, 200, n >= 2000 ? 1000 : 400));
    let extra = `  ${(xml.length / 1024).toFixed(0)} KiB, ${fmt(st.median / n)}/line, parse alone ${fmt(parseOnly.median)}, cpu/op ${fmt(cpuPerOp)}`;
    if (fatal > 0) extra += `  (${fatal} fatal findings, first: ${check.findings.find((f) => f.flag === 'fatal')?.message ?? ''})`;
    if (n === 2000) {
      const pass = st.median <= 50;
      ok &&= pass;
      extra += `  target ≤ 50 ms: ${pass ? 'PASS' : 'FAIL'}`;
    }
    line(`generated UBL, ${n} lines`, st, extra);
  }
  // Linear growth: time per line must not grow materially from 1,000 to 10,000 lines.
  const at = (n: number) => perLine.find((p) => p.lines === n)?.median ?? NaN;
  const ratio = at(10000) / 10000 / (at(1000) / 1000);
  const linear = ratio < 2;
  ok &&= linear;
  console.log(
    `growth: per-line time at 10,000 lines / at 1,000 lines = ${ratio.toFixed(2)} ` +
      `(2,000/1,000 = ${(at(2000) / 2000 / (at(1000) / 1000)).toFixed(2)}) → ${linear ? 'linear: PASS' : 'super-linear: FAIL'}`,
  );
  return ok;
}

function main(): void {
  console.log(
    `einvoice bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${typeof maybeGc === 'function' ? '' : ' (no gc between batches)'}`,
  );
  const examplesOk = benchExamples();
  const generatedOk = benchGenerated();
  compareWithSaxon({
    ubl: [...listXml('en16931/ubl/examples'), ...listXml('peppol-bis3/examples')],
    cii: listXml('en16931/cii/examples'),
  });
  const mem = process.memoryUsage();
  console.log(
    `memory: peak heap used ${(peakHeap / 2 ** 20).toFixed(1)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(1)} MiB, ` +
      `max rss ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`,
  );
  console.log(`targets: ${examplesOk && generatedOk ? 'all met' : 'NOT all met'}`);
}

main();
