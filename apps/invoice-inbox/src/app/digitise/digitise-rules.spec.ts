import { groupMailAttachments } from '../channels/email/mail-documents';
import { ALLOWED_TRANSITIONS, DOCUMENT_STATES, canTransition } from '../documents/document-state';
import { TEST_PNG, testPdf } from '../ingest/testing/test-invoices.fixture';
import { fingerprintOf } from './fingerprint';
import { emptyHeader, type HeaderFields } from './header-fields';
import { readPdfAttachments } from './pdf-attachments';
import { sniffContent } from './sniff-content';

const header = (patch: Partial<HeaderFields>): HeaderFields => ({
  ...emptyHeader('invoice'),
  supplierIdentifier: 'EE100000001',
  invoiceNumber: 'INV-1',
  issueDate: '2026-01-15',
  totalGross: '125.00',
  typeCode: '380',
  ...patch,
});

describe('fingerprint', () => {
  it('ignores formatting of identifiers, numbers and amounts', () => {
    expect(fingerprintOf(header({ supplierIdentifier: 'ee 1000-00001', invoiceNumber: 'inv-1 ', totalGross: '125' }))).toBe(fingerprintOf(header({})));
  });

  it('tells apart a receipt, a credit note, another number, date or amount', () => {
    const base = fingerprintOf(header({}));
    for (const patch of [{ kind: 'receipt' as const }, { typeCode: '381' }, { invoiceNumber: 'INV-2' }, { issueDate: '2026-01-16' }, { totalGross: '125.01' }]) {
      expect(fingerprintOf(header(patch))).not.toBe(base);
    }
  });

  it('is null while a field is missing (such documents match by bytes only)', () => {
    expect(fingerprintOf(header({ invoiceNumber: null }))).toBeNull();
    expect(fingerprintOf(header({ supplierIdentifier: null }))).toBeNull();
  });
});

describe('state machine', () => {
  it('never goes back from published or in-erp, and every target is a known state', () => {
    expect(ALLOWED_TRANSITIONS.published).toEqual(['in-erp']);
    expect(ALLOWED_TRANSITIONS['in-erp']).toEqual([]);
    for (const targets of Object.values(ALLOWED_TRANSITIONS)) for (const t of targets) expect(DOCUMENT_STATES).toContain(t);
    expect(canTransition('ready', 'approved')).toBe(true);
    expect(canTransition('needs-attention', 'approved')).toBe(false);
  });
});

describe('mail attachments', () => {
  const file = (filename: string, bytes: Buffer, related = false): { filename: string; contentType: string; bytes: Buffer; related: boolean } => ({
    filename,
    contentType: 'application/octet-stream',
    bytes,
    related,
  });
  const xml = Buffer.from('<Invoice/>');
  const pdf = Buffer.from('%PDF-1.7\n');

  it('pairs an XML with its PDF, keeps other scans apart and ignores body images and other files', () => {
    const grouped = groupMailAttachments([
      file('a.xml', xml),
      file('A.pdf', pdf),
      file('b.xml', xml),
      file('scan.pdf', pdf),
      file('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0])),
      file('logo.png', TEST_PNG, true),
      file('terms.docx', Buffer.from('PK')),
    ]);
    expect(grouped.documents.map((d) => d.map((f) => f.filename))).toEqual([['a.xml', 'A.pdf'], ['b.xml'], ['scan.pdf'], ['photo.jpg']]);
    expect(grouped.ignored.map((i) => i.filename)).toEqual(['logo.png', 'terms.docx']);
  });

  it('pairs the only XML with the only PDF whatever their names', () => {
    expect(groupMailAttachments([file('invoice.xml', xml), file('print.pdf', pdf)]).documents).toHaveLength(1);
  });
});

describe('content sniffing and PDF attachments', () => {
  it('judges files by their bytes', () => {
    expect(sniffContent(Buffer.from('\ufeff  <?xml version="1.0"?><a/>'))).toBe('xml');
    expect(sniffContent(TEST_PNG)).toBe('png');
    expect(sniffContent(Buffer.from('PK\u0003\u0004'))).toBe('unknown');
  });

  it('finds the XML embedded in a hybrid PDF, and nothing in a plain one', async () => {
    const hybrid = await readPdfAttachments(await testPdf('x', '<Invoice/>'));
    expect(hybrid.attachments.map((a) => [a.filename, a.bytes.toString()])).toEqual([['factur-x.xml', '<Invoice/>']]);
    expect(hybrid.skipped).toEqual([]);
    expect(await readPdfAttachments(await testPdf('plain'))).toEqual({ attachments: [], skipped: [] });
  });
});
