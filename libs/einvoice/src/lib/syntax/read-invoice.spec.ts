import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullInvoice } from '../../../test/roundtrip/fixtures/full-invoice';
import { parseXml } from '../xml/parse-xml';
import {
  readInvoice,
  syntaxOfRoot,
  UnsupportedDocumentError,
  writeCii,
  writeUbl,
} from './index';

describe('readInvoice', () => {
  it('dispatches on the root element', () => {
    const ubl = parseXml(writeUbl(fullInvoice())).root;
    const credit = parseXml(writeUbl(fullInvoice('credit-note'))).root;
    const cii = parseXml(writeCii(fullInvoice())).root;
    const ee = parseXml(
      readFileSync(
        join(__dirname, '../../../test/roundtrip/fixtures/ee-two-invoices.xml'),
      ),
    ).root;
    expect([ubl, credit, cii, ee].map(syntaxOfRoot)).toEqual([
      'ubl',
      'ubl',
      'cii',
      'ee',
    ]);
    expect(readInvoice(ubl)).toHaveLength(1);
    expect(readInvoice(credit)[0]?.invoiceKind).toBe('credit-note');
    expect(readInvoice(cii)[0]?.id).toBe('INV-2024-0001');
    expect(readInvoice(ee).map((i) => i.id)).toEqual([
      'INV-2024-001',
      'CN-2024-001',
    ]);
  });

  it('throws a typed UnsupportedDocumentError for anything else', () => {
    const order = parseXml(
      '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>',
    ).root;
    expect(() => readInvoice(order)).toThrow(UnsupportedDocumentError);
    try {
      readInvoice(order);
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedDocumentError);
      expect((e as UnsupportedDocumentError).rootName).toBe('Order');
      expect((e as UnsupportedDocumentError).rootNamespace).toBe(
        'urn:oasis:names:specification:ubl:schema:xsd:Order-2',
      );
    }
    expect(() =>
      readInvoice(parseXml('<E_Invoice xmlns="urn:wrong"/>').root),
    ).toThrow(UnsupportedDocumentError);
  });
});
