import { parseXml } from '../xml/parse-xml';
import { escapeAttr, escapeText, XmlWriter } from './xml-writer';

describe('XmlWriter', () => {
  it('escapes the five XML specials in text and attributes', () => {
    expect(escapeText(`a & b < c > d " e ' f`)).toBe(
      'a &amp; b &lt; c &gt; d &quot; e &apos; f',
    );
    expect(escapeAttr(`x"y'z&<>\n\t`)).toBe(
      'x&quot;y&apos;z&amp;&lt;&gt;&#10;&#9;',
    );
  });

  it('drops characters XML 1.0 forbids', () => {
    expect(escapeText('a\u0001b\u0000c')).toBe('abc');
  });

  it('drops empty groups, keeps empty groups when asked, and produces parseable XML', () => {
    const w = new XmlWriter();
    w.root('r', { xmlns: 'urn:x', a: `q"&'` }, () => {
      w.group('empty', () => w.leaf('never', undefined));
      w.group('kept', () => undefined, { k: '1' }, true);
      w.group('g', () => w.leaf('t', '<&>', { at: 'v' }));
    });
    const xml = w.toString();
    expect(xml).not.toContain('empty');
    expect(xml).toContain('<kept k="1"/>');
    const doc = parseXml(xml);
    expect(doc.root.attributes.find((a) => a.local === 'a')?.value).toBe(
      `q"&'`,
    );
    expect(doc.root.children.map((c) => c.local)).toEqual(['kept', 'g']);
    expect(doc.root.children[1]?.children[0]?.text).toBe('<&>');
  });

  it('round-trips attribute whitespace through character references', () => {
    const w = new XmlWriter();
    w.root('r', { v: 'line1\nline2\tx' }, () => undefined);
    expect(parseXml(w.toString()).root.attributes[0]?.value).toBe(
      'line1\nline2\tx',
    );
  });

  it('rolls back to a mark', () => {
    const w = new XmlWriter();
    w.root('r', {}, () => {
      const m = w.mark();
      w.leaf('gone', 'x');
      w.rollback(m);
      w.leaf('stays', 'y');
    });
    expect(w.toString()).not.toContain('gone');
    expect(w.toString()).toContain('<stays>y</stays>');
  });
});
