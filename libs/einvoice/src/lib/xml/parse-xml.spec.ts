import { parseXml, XmlParseError } from './parse-xml';
import type { XmlErrorCode } from './xml-node';

function codeOf(fn: () => unknown): XmlErrorCode | 'OK' | 'OTHER' {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return e instanceof XmlParseError ? e.code : 'OTHER';
  }
}

function errorOf(fn: () => unknown): XmlParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmlParseError) return e;
    throw e;
  }
  throw new Error('expected an XmlParseError');
}

const UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <!-- a comment -->
  <cbc:ID>INV&amp;1 &#x41;&#66;</cbc:ID>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:Note><![CDATA[<raw> & text]]></cbc:Note></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:ID>2</cbc:ID></cac:InvoiceLine>
  <cbc:Note>between</cbc:Note>
  <cac:InvoiceLine><cbc:ID>3</cbc:ID><cbc:InvoicedQuantity unitCode="C62" xml:lang="en">5</cbc:InvoicedQuantity></cac:InvoiceLine>
</Invoice>`;

describe('parseXml: well-formed documents', () => {
  const doc = parseXml(Buffer.from(UBL));
  const root = doc.root;

  it('resolves namespaces, names and positions', () => {
    expect(root.local).toBe('Invoice');
    expect(root.ns).toBe('urn:oasis:names:specification:ubl:schema:xsd:Invoice-2');
    const lines = root.children.filter((c) => c.local === 'InvoiceLine');
    expect(lines.map((l) => l.position)).toEqual([1, 2, 3]);
    expect(lines[2]?.parent).toBe(root);
    expect(root.children.find((c) => c.local === 'Note')?.position).toBe(1);
    expect(doc.elementCount).toBe(11);
  });

  it('decodes predefined entities, character references and CDATA', () => {
    expect(root.children[0]?.text).toBe('INV&1 AB');
    expect(root.children[1]?.text).toBe('1<raw> & text');
  });

  it('computes the XPath string value of mixed content', () => {
    const el = parseXml('<a>x<b>y<c>z</c></b>w</a>').root;
    expect(el.text).toBe('xyzw');
    expect(el.children[0]?.text).toBe('yz');
  });

  it('exposes attributes with namespaces, but not namespace declarations', () => {
    const q = root.children[4]?.children[1];
    expect(q?.attributes).toEqual([
      { name: 'unitCode', local: 'unitCode', ns: '', value: 'C62' },
      { name: 'xml:lang', local: 'lang', ns: 'http://www.w3.org/XML/1998/namespace', value: 'en' },
    ]);
    expect(root.attributes).toEqual([]);
  });

  it('reports lines and columns', () => {
    expect(root.line).toBe(2);
    expect(root.column).toBe(1);
    expect(root.children[0]?.line).toBe(6);
    expect(root.children[0]?.column).toBe(3);
  });

  it('normalises line endings and attribute whitespace', () => {
    const el = parseXml('<a b="x\ty\r\nz">1\r\n2\r3</a>').root;
    expect(el.text).toBe('1\n2\n3');
    expect(el.attributes[0]?.value).toBe('x y z');
  });

  it('decodes text lazily but exactly: comments, PIs, CDATA, quoted > and character references', () => {
    const el = parseXml('<a>1<!-- c -->2<?p x?><b x="a>b">3</b><![CDATA[4\r\n]]>&#13;&lt;5</a>').root;
    expect(el.text).toBe('1234\n\r<5');
    expect(el.children[0]?.attributes[0]?.value).toBe('a>b');
    expect(parseXml('<a><!-- only a comment --></a>').root.text).toBe('');
    expect(parseXml('<a/>').root.text).toBe('');
  });

  it('honours namespace scoping and default-namespace undeclaration', () => {
    const root = parseXml('<a xmlns="urn:a" xmlns:p="urn:p"><b xmlns=""><p:c/></b><p:d xmlns:p="urn:q"/></a>').root;
    expect(root.ns).toBe('urn:a');
    expect(root.children[0]?.ns).toBe('');
    expect(root.children[0]?.children[0]?.ns).toBe('urn:p');
    expect(root.children[1]?.ns).toBe('urn:q');
  });

  it('accepts a string input, a UTF-8 BOM and a string BOM', () => {
    expect(parseXml('\ufeff<a/>').root.local).toBe('a');
    expect(parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')])).root.text).toBe('é');
  });

  it('decodes UTF-16 by byte-order mark (LE and BE)', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><a>€ ü</a>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    expect(parseXml(le).root.text).toBe('€ ü');
    const be = Buffer.from(le);
    be.swap16();
    expect(parseXml(be).root.text).toBe('€ ü');
  });

  it('decodes ISO-8859-1 and windows-1252 as declared', () => {
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00e9</a>', 'latin1');
    expect(parseXml(latin).root.text).toBe('é');
    const cp = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>'),
      Buffer.from([0x80, 0xe9]),
      Buffer.from('</a>'),
    ]);
    expect(parseXml(cp).root.text).toBe('€é');
  });

  it('allows comments and processing instructions around the root', () => {
    expect(parseXml('<?xml version="1.0"?>\n<!-- c --><?pi data?>\n<a/>\n<!-- end -->\n').root.name).toBe('a');
  });
});

describe('parseXml: hostile and broken input', () => {
  it('refuses the billion laughs DTD', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>`;
    expect(codeOf(() => parseXml(xml))).toBe('DTD_FORBIDDEN');
  });

  it('refuses XXE with a SYSTEM file entity', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;
    expect(codeOf(() => parseXml(xml))).toBe('DTD_FORBIDDEN');
  });

  it('refuses an external DTD', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE Invoice SYSTEM "http://evil.example/x.dtd"><Invoice/>`;
    expect(codeOf(() => parseXml(xml))).toBe('DTD_FORBIDDEN');
  });

  it('refuses undeclared entity references without a DTD', () => {
    expect(codeOf(() => parseXml('<a>&xxe;</a>'))).toBe('ENTITY_FORBIDDEN');
    expect(codeOf(() => parseXml('<a b="&nbsp;"/>'))).toBe('ENTITY_FORBIDDEN');
  });

  it('refuses 100 MB input by size, fast, before decoding', () => {
    // 0xff is invalid UTF-8: TOO_LARGE rather than ENCODING shows the size is checked first.
    const big = Buffer.alloc(100 * 1024 * 1024, 0xff);
    const t0 = Date.now();
    expect(codeOf(() => parseXml(big))).toBe('TOO_LARGE');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(codeOf(() => parseXml('<a>12345</a>', { maxBytes: 5 }))).toBe('TOO_LARGE');
  });

  it('refuses deep nesting', () => {
    const n = 100_000;
    const xml = '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(codeOf(() => parseXml(xml))).toBe('TOO_DEEP');
    expect(codeOf(() => parseXml('<a><a><a></a></a></a>', { maxDepth: 2 }))).toBe('TOO_DEEP');
    expect(codeOf(() => parseXml('<a><a></a></a>', { maxDepth: 2 }))).toBe('OK');
  });

  it('refuses too many elements', () => {
    expect(codeOf(() => parseXml('<a><b/><b/><b/></a>', { maxElements: 3 }))).toBe('TOO_MANY_ELEMENTS');
  });

  it('reports truncated input as MALFORMED with line and column', () => {
    const truncated = UBL.slice(0, UBL.length - 40);
    const err = errorOf(() => parseXml(truncated));
    expect(err.code).toBe('MALFORMED');
    expect(err.line).toBeGreaterThan(1);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/line \d+, column \d+/);
    for (let cut = 1; cut < UBL.length; cut += 7) {
      expect(['MALFORMED', 'EMPTY']).toContain(codeOf(() => parseXml(UBL.slice(0, cut))));
    }
  });

  it('refuses unsupported or inconsistent encodings', () => {
    expect(codeOf(() => parseXml(Buffer.from('<?xml version="1.0" encoding="EBCDIC-CP-US"?><a/>')))).toBe('ENCODING');
    expect(codeOf(() => parseXml(Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>')))).toBe('ENCODING');
    expect(codeOf(() => parseXml(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>')))).toBe('ENCODING');
    expect(codeOf(() => parseXml(Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])))).toBe('ENCODING');
    const bomLatin = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')]);
    expect(codeOf(() => parseXml(bomLatin))).toBe('ENCODING');
  });

  it('refuses empty input', () => {
    expect(codeOf(() => parseXml(''))).toBe('EMPTY');
    expect(codeOf(() => parseXml(Buffer.from('  \n ')))).toBe('EMPTY');
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>'],
    ['two roots', '<a/><b/>'],
    ['text outside root', '<a/>junk'],
    ['unbound prefix', '<p:a/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['bare ampersand', '<a>AT&T</a>'],
    ['illegal control char', '<a>\u0001</a>'],
    ['bad char ref', '<a>&#0;</a>'],
    ['late xml declaration', '<a/><?xml version="1.0"?>'],
    ['unterminated comment', '<a><!-- x</a>'],
    ['lt in attribute', '<a x="<"/>'],
    ['stray end tag', '</a>'],
  ])('refuses %s as MALFORMED', (_label, xml) => {
    expect(codeOf(() => parseXml(xml))).toBe('MALFORMED');
  });

  it('handles tags with very many attributes in linear time', () => {
    const n = 50_000;
    const attrs = Array.from({ length: n }, (_, i) => `a${i}="${i}" p:b${i}="${i}"`).join(' ');
    const t0 = Date.now();
    expect(parseXml(`<x xmlns:p="urn:p" ${attrs}/>`).root.attributes).toHaveLength(2 * n);
    expect(codeOf(() => parseXml(`<x ${attrs} a7="dup"/>`.replace(/p:b\d+="\d+"/g, '')))).toBe('MALFORMED');
    expect(codeOf(() => parseXml(`<x xmlns:p="urn:p" xmlns:q="urn:p" ${attrs} q:b9="dup"/>`))).toBe('MALFORMED');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('parses a large flat document in linear time', () => {
    const n = 200_000;
    const xml = `<r xmlns:cbc="urn:x">${'<cbc:L><cbc:ID>1</cbc:ID><cbc:X>2</cbc:X></cbc:L>'.repeat(n)}</r>`;
    const t0 = Date.now();
    const doc = parseXml(xml);
    expect(doc.elementCount).toBe(3 * n + 1);
    expect(doc.root.children[n - 1]?.position).toBe(n);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
