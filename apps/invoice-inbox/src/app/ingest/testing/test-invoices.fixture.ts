import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parseXml, readInvoice, writeCii, writeEe } from '@hub/einvoice';
import { testUbl, type TestInvoiceOptions } from '@hub/testing';

export { testUbl, type TestInvoiceOptions } from '@hub/testing';

/** The same invoice in CII (as Factur-X carries it). */
export function testCii(o: TestInvoiceOptions = {}): string {
  const [invoice] = readInvoice(parseXml(testUbl(o)).root);
  if (!invoice) throw new Error('fixture did not read');
  return writeCii(invoice);
}

/** The same invoice as an Estonian e-invoice 1.2. */
export function testEe(o: TestInvoiceOptions = {}): string {
  const [invoice] = readInvoice(parseXml(testUbl(o)).root);
  if (!invoice) throw new Error('fixture did not read');
  return writeEe([invoice]);
}

/** A one-page PDF saying `text`; with `xml`, a Factur-X style hybrid (factur-x.xml embedded, /AF). */
export async function testPdf(text: string, xml?: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  if (xml) {
    await pdf.attach(Buffer.from(xml, 'utf8'), 'factur-x.xml', {
      mimeType: 'text/xml',
      description: 'Factur-X invoice',
      creationDate: new Date('2026-01-15T00:00:00Z'),
      modificationDate: new Date('2026-01-15T00:00:00Z'),
    });
  }
  // Fixed dates so the same call gives the same bytes (duplicate tests compare hashes).
  pdf.setCreationDate(new Date('2026-01-15T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-15T00:00:00Z'));
  return Buffer.from(await pdf.save());
}

/** A tiny valid PNG (1×1). */
export const TEST_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** XXE: an external entity reading a local file. */
export const XXE_XML = `<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>`;

/** Billion laughs: nested entity expansion. */
export const BILLION_LAUGHS_XML = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>`;
