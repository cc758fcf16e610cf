import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { en16931UblRules } from './index';
import { UBL_CR_DETAIL_PATHS } from './ubl-cr-details.table';
import { UBL_CR_HEADER_PATHS } from './ubl-cr-header.table';

const NS =
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" ' +
  'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"';

function invoice(body: string, root = 'Invoice'): string {
  const ns = root === 'Invoice' ? 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' : 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
  return `<${root} xmlns="${ns}" ${NS}>${body}</${root}>`;
}

/** Nested elements for `a:B/c:D[/@attr]`, with the attribute on the innermost element. */
function nest(path: string): string {
  const at = path.indexOf('/@');
  const attribute = at >= 0 ? path.slice(at + 2) : undefined;
  const steps = (at >= 0 ? path.slice(0, at) : path).split('/');
  let xml = '';
  for (let i = steps.length - 1; i >= 0; i--) {
    const attr = i === steps.length - 1 && attribute ? ` ${attribute}="x"` : '';
    xml = `<${steps[i]}${attr}>${xml || 'x'}</${steps[i]}>`;
  }
  return xml;
}

function fired(xml: string): Finding[] {
  const findings: Finding[] = [];
  en16931UblRules.run(parseXml(xml).root, findings);
  return findings.filter((f) => f.rule.startsWith('UBL-CR-'));
}

describe('UBL-CR restrictions', () => {
  it('fire nothing on an empty invoice', () => {
    expect(fired(invoice(''))).toEqual([]);
  });

  it.each([...UBL_CR_HEADER_PATHS, ...UBL_CR_DETAIL_PATHS])('%s fires as a warning for %s', (rule, path) => {
    let body: string;
    if (path.startsWith('line:')) body = `<cac:InvoiceLine>${nest(path.slice(5))}</cac:InvoiceLine>`;
    else if (path.startsWith('//')) body = `<cac:Wrapper>${nest(path.slice(2))}</cac:Wrapper>`;
    else body = nest(path);
    const f = fired(invoice(body)).filter((x) => x.rule === rule);
    expect(f).toEqual([{ rule, flag: 'warning', location: '/Invoice', message: expect.stringContaining(`[${rule}]`) }]);
  });

  it('applies attribute restrictions only when the attribute is present', () => {
    expect(fired(invoice('<cbc:CustomizationID>x</cbc:CustomizationID>')).map((f) => f.rule)).not.toContain('UBL-CR-648');
    expect(fired(invoice('<cbc:CustomizationID schemeID="x">x</cbc:CustomizationID>')).map((f) => f.rule)).toContain('UBL-CR-648');
  });

  it('UBL-CR-002 accepts UBL version 2.1 only', () => {
    expect(fired(invoice('<cbc:UBLVersionID>2.1</cbc:UBLVersionID>')).map((f) => f.rule)).not.toContain('UBL-CR-002');
    expect(fired(invoice('<cbc:UBLVersionID>2.2</cbc:UBLVersionID>')).map((f) => f.rule)).toContain('UBL-CR-002');
  });

  it('UBL-CR-412 allows a payment due date in payment means only on credit notes', () => {
    const body = '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>';
    expect(fired(invoice(body)).map((f) => f.rule)).toContain('UBL-CR-412');
    expect(fired(invoice(body, 'CreditNote')).map((f) => f.rule)).not.toContain('UBL-CR-412');
  });

  it('UBL-CR-665/666/673 distinguish invoiced object identifiers (130)', () => {
    const obj = (inner: string) => invoice(`<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>${inner}</cac:AdditionalDocumentReference>`);
    expect(fired(obj('')).map((f) => f.rule)).toEqual([]);
    const both = fired(obj('<cbc:DocumentDescription>d</cbc:DocumentDescription><cac:Attachment/>'));
    expect(both.map((f) => [f.rule, f.flag])).toEqual([
      ['UBL-CR-666', 'fatal'],
      ['UBL-CR-673', 'fatal'],
    ]);
    const plain = fired(invoice('<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">1</cbc:ID></cac:AdditionalDocumentReference>'));
    expect(plain.map((f) => f.rule)).toEqual(['UBL-CR-665']);
  });

  it('UBL-CR-663 finds unitCodeListID anywhere', () => {
    const xml = invoice('<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62" unitCodeListID="x">1</cbc:InvoicedQuantity></cac:InvoiceLine>');
    expect(fired(xml).map((f) => f.rule)).toContain('UBL-CR-663');
  });
});
