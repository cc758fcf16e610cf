import { parseXml } from './parse-xml';
import { attr, child, children, descendants, first, locationOf, normalizeSpace, NS, select } from './query';

const xml = `<ubl:Invoice xmlns:ubl="${NS.invoice}" xmlns:cbc="${NS.cbc}" xmlns:cac="${NS.cac}">
  <cbc:ID>1</cbc:ID>
  <cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="0088">123</cbc:EndpointID></cac:Party></cac:AccountingSupplierParty>
  <cac:InvoiceLine><cbc:ID>L1</cbc:ID><cac:Item><cbc:Name>A</cbc:Name></cac:Item></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:ID>L2</cbc:ID><cac:Item><cbc:Name>B</cbc:Name></cac:Item></cac:InvoiceLine>
  <ID>no namespace</ID>
</ubl:Invoice>`;

describe('query helpers', () => {
  const root = parseXml(xml).root;

  it('child / children match namespace and local name', () => {
    expect(child(root, NS.cbc, 'ID')?.text).toBe('1');
    expect(child(root, '', 'ID')?.text).toBe('no namespace');
    expect(children(root, NS.cac, 'InvoiceLine')).toHaveLength(2);
    expect(child(root, NS.cac, 'ID')).toBeUndefined();
  });

  it('descendants are in document order', () => {
    expect(descendants(root, NS.cbc, 'ID').map((e) => e.text)).toEqual(['1', 'L1', 'L2']);
    expect(descendants(root, NS.cbc).map((e) => e.local)).toEqual(['ID', 'EndpointID', 'ID', 'Name', 'ID', 'Name']);
    expect(descendants(root)).toHaveLength(13);
  });

  it('select / first follow prefixed paths', () => {
    expect(first(root, 'cac:AccountingSupplierParty/cac:Party/cbc:EndpointID')?.text).toBe('123');
    expect(select(root, 'cac:InvoiceLine/cac:Item/cbc:Name').map((e) => e.text)).toEqual(['A', 'B']);
    expect(select(root, 'cac:InvoiceLine/*').map((e) => e.local)).toEqual(['ID', 'Item', 'ID', 'Item']);
    expect(select(root, 'ID').map((e) => e.text)).toEqual(['no namespace']);
    expect(first(root, 'cac:InvoiceLine/cac:Nothing')).toBeUndefined();
    const name = first(root, 'cac:InvoiceLine/cac:Item/cbc:Name');
    expect(name && first(name, '../../cbc:ID')?.text).toBe('L1');
    expect(() => select(root, 'foo:Bar')).toThrow(/Unknown namespace prefix/);
  });

  it('attr reads unprefixed and qualified attributes', () => {
    const ep = first(root, 'cac:AccountingSupplierParty/cac:Party/cbc:EndpointID');
    expect(ep && attr(ep, 'schemeID')).toBe('0088');
    expect(ep && attr(ep, 'other')).toBeUndefined();
  });

  it('normalizeSpace behaves like XPath', () => {
    expect(normalizeSpace('  a \t\n b  ')).toBe('a b');
    expect(normalizeSpace('abc')).toBe('abc');
    expect(normalizeSpace('   ')).toBe('');
    expect(normalizeSpace('\u00a0x')).toBe('\u00a0x');
  });

  it('locationOf prints standard prefixes and positions among same-named siblings', () => {
    const ids = select(root, 'cac:InvoiceLine/cbc:ID');
    expect(locationOf(ids[1] as never)).toBe('/Invoice/cac:InvoiceLine[2]/cbc:ID');
    expect(locationOf(ids[0] as never)).toBe('/Invoice/cac:InvoiceLine[1]/cbc:ID');
    expect(locationOf(child(root, NS.cbc, 'ID') as never)).toBe('/Invoice/cbc:ID');
    const line = ids[1]?.parent;
    expect(line && locationOf(ids[1] as never, line)).toBe('/cac:InvoiceLine/cbc:ID');
  });
});
