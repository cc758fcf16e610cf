import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from './cli-io';
import { main } from './cli-main';
import { generatePeppolUbl } from '../../bench/generate-ubl';
import { detect } from '../lib/detect';
import type { Invoice } from '../lib/model';
import { UnsupportedDocumentError } from '../lib/syntax/errors';
import { runConvert, type ConvertApi } from './convert.command';

const EE_OK = '<E_Invoice><Header/><Footer/></E_Invoice>';
const NOT_INVOICE = '<Order/>';
const BROKEN = '<Invoice><cbc:ID>';

function memoryIo(files: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readFile(path: string): Buffer {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return Buffer.from(content);
    },
  };
  return io;
}

describe('einvoice CLI (in process)', () => {
  const files = { 'ok.xml': EE_OK, 'order.xml': NOT_INVOICE, 'broken.xml': BROKEN, 'xxe.xml': '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' };

  it('prints one JSON object per file and exits 0 when all are valid', () => {
    const io = memoryIo(files);
    expect(main(['validate', '--json', 'ok.xml', 'ok.xml'], io)).toBe(0);
    const lines = io.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: 'ok.xml', syntax: 'ee', profile: 'none', valid: true });
    expect(Object.keys(lines[0] ?? {})).toEqual(['file', 'syntax', 'profile', 'valid', 'findings']);
  });

  it('exits 1 when a document has a fatal finding, and reports it', () => {
    const io = memoryIo(files);
    expect(main(['validate', '--json', 'ok.xml', 'order.xml'], io)).toBe(1);
    const second = JSON.parse(io.out.trim().split('\n')[1] ?? '{}') as { valid: boolean; findings: { rule: string; flag: string }[] };
    expect(second.valid).toBe(false);
    expect(second.findings[0]).toMatchObject({ rule: 'HUB-SYNTAX', flag: 'fatal' });
  });

  it('exits 2 when a file cannot be read or parsed, still reporting the others', () => {
    const io = memoryIo(files);
    expect(main(['validate', 'broken.xml', 'missing.xml', 'xxe.xml', 'order.xml', 'ok.xml'], io)).toBe(2);
    expect(io.out).toContain('broken.xml: cannot be parsed (MALFORMED)');
    expect(io.out).toContain('missing.xml: cannot be read (READ)');
    expect(io.out).toContain('xxe.xml: cannot be parsed (DTD_FORBIDDEN)');
    expect(io.out).toContain('order.xml: INVALID');
    expect(io.out).toContain('ok.xml: valid');
    expect(io.out).toContain('5 files: 1 valid, 1 invalid, 3 unreadable');
  });

  it('reports parse errors as JSON lines too', () => {
    const io = memoryIo(files);
    main(['validate', '--json', 'broken.xml'], io);
    expect(JSON.parse(io.out)).toMatchObject({ file: 'broken.xml', valid: false, error: { code: 'MALFORMED' } });
  });

  it('rejects bad usage with exit 2', () => {
    for (const argv of [[], ['validate'], ['frobnicate', 'x'], ['validate', '--bogus', 'x'], ['validate', '--rules', 'xyz', 'x'], ['convert', 'x'], ['convert', '--to', 'pdf', 'x']]) {
      expect(main(argv, memoryIo(files))).toBe(2);
    }
    expect(main(['--help'], memoryIo(files))).toBe(0);
  });

  it('accepts --rules', () => {
    const io = memoryIo(files);
    expect(main(['validate', '--rules', 'en16931,peppol', 'ok.xml'], io)).toBe(0);
  });
});

describe('einvoice convert', () => {
  const inv = (id: string) => ({ id }) as unknown as Invoice;
  const idOf = (i: Invoice) => (i as unknown as { id: string }).id;
  const api: ConvertApi = {
    readInvoice: (root) => {
      if (root.local === 'E_Invoice') return [inv('a'), inv('b')];
      if (root.local === 'Invoice') return [inv('one')];
      throw new UnsupportedDocumentError(root.ns, root.local);
    },
    writeUbl: (i, o) => `<ubl peppol="${String(o?.peppol)}">${idOf(i)}</ubl>`,
    writeCii: (i) => `<cii>${idOf(i)}</cii>`,
    writeEe: (is) => `<ee>${is.map(idOf).join(',')}</ee>`,
  };
  const files = { 'ee.xml': EE_OK, 'order.xml': NOT_INVOICE, 'broken.xml': BROKEN, 'ubl.xml': '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>' };

  it('writes the converted document to stdout', () => {
    const io = memoryIo(files);
    expect(runConvert('ubl.xml', { to: 'cii' }, io, api)).toBe(0);
    expect(io.out).toBe('<cii>one</cii>');
    const io2 = memoryIo(files);
    expect(runConvert('ee.xml', { to: 'ee' }, io2, api)).toBe(0);
    expect(io2.out).toBe('<ee>a,b</ee>');
    const io3 = memoryIo(files);
    expect(runConvert('ubl.xml', { to: 'ubl', peppol: true }, io3, api)).toBe(0);
    expect(io3.out).toBe('<ubl peppol="true">one</ubl>');
  });

  it('asks for --index when a bundle holds several invoices', () => {
    const io = memoryIo(files);
    expect(runConvert('ee.xml', { to: 'ubl' }, io, api)).toBe(2);
    expect(io.err).toContain('--index');
    const io2 = memoryIo(files);
    expect(runConvert('ee.xml', { to: 'ubl', index: 2 }, io2, api)).toBe(0);
    expect(io2.out).toBe('<ubl peppol="false">b</ubl>');
    const io3 = memoryIo(files);
    expect(runConvert('ee.xml', { to: 'cii', index: 3 }, io3, api)).toBe(2);
    expect(io3.err).toContain('out of range');
  });

  it('fails clearly on unknown and broken documents', () => {
    const io = memoryIo(files);
    expect(runConvert('order.xml', { to: 'ubl' }, io, api)).toBe(2);
    expect(io.err).toContain('Unsupported document');
    const io2 = memoryIo(files);
    expect(runConvert('broken.xml', { to: 'ubl' }, io2, api)).toBe(2);
    expect(io2.err).toContain('MALFORMED');
  });

  it('converts a real UBL invoice to CII and back with the model readers/writers', () => {
    const ubl = generatePeppolUbl(3);
    const io = memoryIo({ 'gen.xml': ubl });
    expect(main(['convert', '--to', 'cii', 'gen.xml'], io)).toBe(0);
    expect(detect(io.out).syntax).toBe('cii');
    const io2 = memoryIo({ 'gen.cii.xml': io.out });
    expect(main(['convert', '--to=ubl', 'gen.cii.xml'], io2)).toBe(0);
    expect(detect(io2.out)).toMatchObject({ syntax: 'ubl-invoice', profile: { id: 'peppol-bis3' } });
  });
});

describe('einvoice CLI (spawned)', () => {
  it('exits 0 / 1 / 2 as documented', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einvoice-cli-'));
    const ok = join(dir, 'ok.xml');
    const order = join(dir, 'order.xml');
    const broken = join(dir, 'broken.xml');
    writeFileSync(ok, EE_OK);
    writeFileSync(order, NOT_INVOICE);
    writeFileSync(broken, BROKEN);
    const root = resolve(__dirname, '../../../..');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', 'libs/einvoice/src/cli/einvoice.cli.ts', 'validate', '--json', ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const all = run(ok, order, broken);
    expect(all.status).toBe(2);
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    expect(run(ok).status).toBe(0);
    expect(run(ok, order).status).toBe(1);
  }, 90_000);
});
