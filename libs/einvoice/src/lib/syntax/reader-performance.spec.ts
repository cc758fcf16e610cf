import {
  fullInvoice,
  fullLine,
} from '../../../test/roundtrip/fixtures/full-invoice';
import { DecimalValue } from '../model/decimal-value';
import type { Invoice, InvoiceLine } from '../model/invoice.model';
import type { XmlElement } from '../xml/xml-node';
import { parseXml } from '../xml/parse-xml';
import { readCii } from './cii/cii-reader';
import { writeCii } from './cii/cii-writer';
import { readEe } from './ee/ee-reader';
import { writeEe } from './ee/ee-writer';
import { readUbl } from './ubl/ubl-reader';
import { writeUbl } from './ubl/ubl-writer';

/** A line as real invoices have them: quantity, amount, name, seller id, VAT, net price. */
function typicalLine(i: number): InvoiceLine {
  const d = DecimalValue.of;
  return {
    id: String(i),
    quantity: d('3'),
    unitCode: 'C62',
    netAmount: d('30.00'),
    allowances: [],
    charges: [],
    price: { netPrice: d('10.00') },
    vat: { categoryCode: 'S', rate: d('25') },
    item: {
      name: `Item ${i}`,
      sellerId: `S-${i}`,
      classifications: [],
      attributes: [],
    },
  };
}

const withLines = (n: number, make: (i: number) => InvoiceLine): Invoice => ({
  ...fullInvoice(),
  lines: Array.from({ length: n }, (_, i) => make(i + 1)),
});

/**
 * Best of several runs: on a shared machine the minimum estimates the intrinsic cost, the median
 * mostly measures the neighbours. Printed together with the median for the record.
 */
function bestMs(
  fn: () => unknown,
  runs = 15,
): { best: number; median: number } {
  fn(); // warm-up: decodes and caches element text
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { best: times[0] ?? Infinity, median: times[runs >> 1] ?? Infinity };
}

describe('reader performance (2,000 lines)', () => {
  const cases: [
    string,
    (inv: Invoice) => string,
    (root: XmlElement) => unknown,
  ][] = [
    ['UBL', writeUbl, readUbl],
    ['CII', writeCii, readCii],
    ['EE', (inv) => writeEe([inv]), readEe],
  ];

  it.each(cases)(
    '%s: reads a typical 2,000-line invoice in milliseconds, linear in the line count',
    (name, write, read) => {
      const best = (n: number): number => {
        const root = parseXml(write(withLines(n, typicalLine))).root;
        return bestMs(() => read(root)).best;
      };
      const [t1000, t2000, t4000] = [best(1000), best(2000), best(4000)];
      console.log(
        `${name} read, best of 15: 1,000 lines ${t1000.toFixed(2)} ms, 2,000 lines ${t2000.toFixed(2)} ms, 4,000 lines ${t4000.toFixed(2)} ms`,
      );
      // Typically a few ms; the bound leaves room for a loaded 2-core CI machine.
      expect(t2000).toBeLessThan(50);
      // Linear: four times the lines costs about four times the time (plus GC noise on a shared machine);
      // quadratic lookups would cost sixteen times and more.
      expect(t4000).toBeLessThan(Math.max(t1000, 0.5) * 14);
    },
  );

  it('reads 2,000 lines with every optional line term present (GC-heavy) within budget', () => {
    const big = parseXml(
      writeUbl(withLines(2000, (i) => fullLine(String(i)))),
    ).root;
    const small = parseXml(
      writeUbl(withLines(500, (i) => fullLine(String(i)))),
    ).root;
    const tBig = bestMs(() => readUbl(big), 5).best;
    const tSmall = bestMs(() => readUbl(small), 5).best;
    console.log(
      `UBL read, every line term: 2,000 lines best ${tBig.toFixed(2)} ms, 500 lines best ${tSmall.toFixed(2)} ms`,
    );
    // Each such line builds ~60 model objects; on a busy machine the garbage collector dominates.
    expect(tBig).toBeLessThan(200);
  });
});
