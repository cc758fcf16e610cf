import { contentDisposition } from './inbound-files.controller';

describe('contentDisposition (inbound file links)', () => {
  it('always says attachment, with a plain file name as it is', () => {
    expect(contentDisposition('EI-1.xml')).toBe('attachment; filename="EI-1.xml"');
  });

  it('cannot break out of the header or the quoted name, nor carry a path', () => {
    const value = contentDisposition('../../etc/evil "name"\r\nSet-Cookie: x=1;<script>.html');
    expect(value).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).not.toContain('..');
    expect(value).not.toContain('/');
  });

  it('keeps a non-ASCII name in the UTF-8 form, with an ASCII fallback', () => {
    expect(contentDisposition('arve-ÕÜ.pdf')).toBe(`attachment; filename="arve-_.pdf"; filename*=UTF-8''arve-%C3%95%C3%9C.pdf`);
  });

  it('does not throw on a lone surrogate or a long name of emoji', () => {
    expect(contentDisposition('bad\ud800name.xml')).toBe('attachment; filename="bad_name.xml"; filename*=UTF-8\'\'badname.xml');
    expect(() => contentDisposition('😀'.repeat(300))).not.toThrow();
  });

  it('falls back to "file" when nothing safe is left, and limits the length', () => {
    expect(contentDisposition('...')).toBe('attachment; filename="file"');
    expect(/filename="([^"]*)"/.exec(contentDisposition(`${'a'.repeat(300)}.xml`))?.[1]).toHaveLength(100);
  });
});
