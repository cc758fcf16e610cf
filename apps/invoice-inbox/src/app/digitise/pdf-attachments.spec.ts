import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { testPdf } from '../ingest/testing/test-invoices.fixture';
import { DigitiseService } from './digitise.service';
import { NoExtractor } from './extractor.port';
import { DEFAULT_PDF_LIMITS, OBJECT_STREAMS_MAX_BYTES, PdfRefusedError, readPdfAttachments } from './pdf-attachments';

/** A one-page PDF whose catalog gets `/Names << /EmbeddedFiles tree >>` and `/AF` as `build` makes them. */
async function hostilePdf(build: (pdf: PDFDocument) => { tree?: PDFRef; af?: PDFRef[] }): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  const { tree, af } = build(pdf);
  if (tree) pdf.catalog.set(PDFName.of('Names'), pdf.context.obj({ EmbeddedFiles: tree }));
  if (af) pdf.catalog.set(PDFName.of('AF'), pdf.context.obj(af));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A file spec for `filename` whose embedded stream has `contents` and `dict` (Filter, DecodeParms…) as given. */
function embedded(pdf: PDFDocument, filename: string, contents: Buffer | string, dict: Record<string, unknown>): PDFRef {
  const stream = pdf.context.register(pdf.context.stream(contents, { Type: 'EmbeddedFile', ...dict } as never));
  return pdf.context.register(pdf.context.obj({ Type: 'Filespec', F: PDFString.of(filename), UF: PDFHexString.fromText(filename), EF: { F: stream } }));
}

const digitise = (filename: string, bytes: Buffer): ReturnType<DigitiseService['digitise']> => new DigitiseService(new NoExtractor()).digitise([{ filename, bytes }]);

describe('PDF attachments of hostile PDFs', () => {
  it('stops at a name tree whose /Kids point at each other, promptly, with a finding', async () => {
    const bytes = await hostilePdf((pdf) => {
      const a = pdf.context.nextRef();
      const b = pdf.context.nextRef();
      // Each node lists the other five times: walked naively to depth 8 that is 5^9 visits.
      pdf.context.assign(a, pdf.context.obj({ Kids: [b, b, b, b, b] }));
      pdf.context.assign(b, pdf.context.obj({ Kids: [a, a, a, a, a] }));
      return { tree: a };
    });
    const started = Date.now();
    const read = await readPdfAttachments(bytes);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(read.attachments).toEqual([]);
    expect(read.skipped).toEqual([expect.stringContaining('name tree was not read to the end: a node is reached twice')]);

    const [doc] = await digitise('loop.pdf', bytes);
    expect(doc?.findings).toContainEqual(expect.objectContaining({ flag: 'warning', rule: 'INBOX-PDF-ATTACHMENT-SKIPPED', file: 'loop.pdf' }));
  });

  it('stops a wide acyclic name tree at the node cap', async () => {
    const bytes = await hostilePdf((pdf) => {
      const leaves = Array.from({ length: DEFAULT_PDF_LIMITS.maxTreeNodes + 10 }, () => pdf.context.register(pdf.context.obj({ Names: [] })));
      return { tree: pdf.context.register(pdf.context.obj({ Kids: leaves })) };
    });
    expect((await readPdfAttachments(bytes)).skipped).toEqual([expect.stringContaining(`more than ${DEFAULT_PDF_LIMITS.maxTreeNodes} nodes`)]);
  });

  it('refuses embedded files with a filter chain, DecodeParms or another filter, and keeps the Flate output cap', async () => {
    const xml = Buffer.from('<Invoice/>');
    // 64 MiB of zeros behind ASCIIHex: pdf-lib would decode it in full.
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const bytes = await hostilePdf((pdf) => {
      const specs = [
        embedded(pdf, 'chain.xml', `${deflateSync(xml).toString('hex')}>`, { Filter: ['ASCIIHexDecode', 'FlateDecode'] }),
        embedded(pdf, 'hex-bomb.xml', `${bomb.toString('hex')}>`, { Filter: ['ASCIIHexDecode', 'FlateDecode'] }),
        embedded(pdf, 'lzw.xml', Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]), { Filter: 'LZWDecode' }),
        embedded(pdf, 'params.xml', deflateSync(xml), { Filter: 'FlateDecode', DecodeParms: { Predictor: 12, Columns: 4 } }),
        embedded(pdf, 'flate-bomb.xml', bomb, { Filter: 'FlateDecode' }),
        embedded(pdf, 'factur-x.xml', deflateSync(xml), { Filter: 'FlateDecode' }),
      ];
      return { af: specs };
    });
    const started = Date.now();
    const read = await readPdfAttachments(bytes);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(read.attachments.map((a) => [a.filename, a.bytes.toString()])).toEqual([['factur-x.xml', '<Invoice/>']]);
    expect(read.skipped).toEqual([
      'embedded file chain.xml not read: it is encoded with /ASCIIHexDecode /FlateDecode; only a single FlateDecode is read',
      'embedded file hex-bomb.xml not read: it is encoded with /ASCIIHexDecode /FlateDecode; only a single FlateDecode is read',
      'embedded file lzw.xml not read: it is encoded with /LZWDecode; only a single FlateDecode is read',
      'embedded file params.xml not read: it has FlateDecode parameters (DecodeParms), which are not read',
      `embedded file flate-bomb.xml not read: it decodes to more than ${DEFAULT_PDF_LIMITS.maxAttachmentBytes} bytes`,
    ]);

    const [doc] = await digitise('invoice.pdf', bytes);
    expect(doc?.findings.filter((f) => f.rule === 'INBOX-PDF-ATTACHMENT-SKIPPED')).toHaveLength(5);
  });

  it('refuses a PDF whose object stream is a decompression bomb, before pdf-lib inflates it', async () => {
    const plain = await testPdf('bomb');
    const body = deflateSync(Buffer.alloc(OBJECT_STREAMS_MAX_BYTES + 1024 * 1024, 0x20));
    // An incremental update adding one object stream; pdf-lib reads every object it finds.
    const bytes = Buffer.concat([
      plain,
      Buffer.from(`\n90 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`),
      body,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    await expect(readPdfAttachments(bytes)).rejects.toThrow(new PdfRefusedError(`its object streams decode to more than ${OBJECT_STREAMS_MAX_BYTES} bytes`));
    const [doc] = await digitise('bomb.pdf', bytes);
    expect(doc?.findings).toContainEqual(expect.objectContaining({ flag: 'warning', rule: 'INBOX-PDF-REFUSED', file: 'bomb.pdf' }));
  });

  it('refuses an object stream with another filter than FlateDecode', async () => {
    const bytes = Buffer.concat([
      await testPdf('hex'),
      Buffer.from(`\n91 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode] >>\nstream\n${deflateSync(Buffer.from('1 0 << >>')).toString('hex')}>\nendstream\nendobj\n`),
    ]);
    await expect(readPdfAttachments(bytes)).rejects.toBeInstanceOf(PdfRefusedError);
  });

  it('does not open a PDF above the upload cap', async () => {
    const bytes = await testPdf('x', '<Invoice/>');
    await expect(readPdfAttachments(bytes, { ...DEFAULT_PDF_LIMITS, maxPdfBytes: bytes.length - 1 })).rejects.toThrow(/larger than/);
  });
});
