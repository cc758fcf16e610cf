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
 * Large invoices read completely and correctly. How fast (≤ 50 ms for 2,000 lines) and that
 * the time grows linearly with the lines is measured by `npm run bench:einvoice`, not here:
 * timed assertions in a test fail on a loaded machine for reasons that are not the code's.
 */
describe('reader on large invoices', () => {
  const cases: [
    string,
    (inv: Invoice) => string,
    (root: XmlElement) => unknown,
  ][] = [
    ['UBL', writeUbl, readUbl],
    ['CII', writeCii, readCii],
    ['EE', (inv) => writeEe([inv]), readEe],
  ];

  /** The invoice a reader returned (the EE reader returns a list). */
  const invoiceOf = (read: unknown): Invoice =>
    (Array.isArray(read) ? read[0] : read) as Invoice;

  it.each(cases)('%s: reads every line of 2,000- and 4,000-line invoices, the last one intact', (_name, write, read) => {
    for (const n of [2000, 4000]) {
      const invoice = invoiceOf(read(parseXml(write(withLines(n, typicalLine))).root));
      expect(invoice.lines).toHaveLength(n);
      const last = invoice.lines[n - 1];
      expect(last?.id).toBe(String(n));
      expect(last?.item.name).toBe(`Item ${n}`);
      expect(last?.netAmount?.toString()).toBe('30.00');
    }
  });

  it('reads 2,000 lines with every optional line term present, each line as written', () => {
    const written = withLines(2000, (i) => fullLine(String(i)));
    const invoice = invoiceOf(readUbl(parseXml(writeUbl(written)).root));
    expect(invoice.lines).toHaveLength(2000);
    expect(invoice.lines[1999]).toEqual(written.lines[1999]);
  });
});
