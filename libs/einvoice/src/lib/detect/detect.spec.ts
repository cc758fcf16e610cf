import { NS } from '../xml/query';
import { classifySpecificationId, detect } from './index';

const ubl = (root: 'Invoice' | 'CreditNote', id: string) =>
  `<${root} xmlns="${root === 'Invoice' ? NS.invoice : NS.creditNote}" xmlns:cbc="${NS.cbc}"><cbc:CustomizationID> ${id} </cbc:CustomizationID></${root}>`;

describe('detect', () => {
  it('detects UBL invoice and credit note with Peppol BIS 3', () => {
    const inv = detect(ubl('Invoice', 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'));
    expect(inv.syntax).toBe('ubl-invoice');
    expect(inv.profile).toMatchObject({ id: 'peppol-bis3', peppol: true });
    expect(inv.profile.specificationId).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    const cn = detect(Buffer.from(ubl('CreditNote', 'urn:cen.eu:en16931:2017')));
    expect(cn.syntax).toBe('ubl-creditnote');
    expect(cn.profile).toMatchObject({ id: 'en16931', peppol: false });
  });

  it('detects CII with its guideline parameter', () => {
    const xml = `<rsm:CrossIndustryInvoice xmlns:rsm="${NS.rsm}" xmlns:ram="${NS.ram}"><rsm:ExchangedDocumentContext>
      <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</ram:ID>
      </ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext></rsm:CrossIndustryInvoice>`;
    expect(detect(xml)).toMatchObject({ syntax: 'cii', profile: { id: 'xrechnung' } });
  });

  it('detects the Estonian E_Invoice root', () => {
    const xml = `<E_Invoice><Header/><Invoice><InvoiceInformation><Extension><CustomContent><InvoiceInformationEN><ProcessControl>
      <SpecificationId>urn:cen.eu:en16931:2017</SpecificationId></ProcessControl></InvoiceInformationEN></CustomContent></Extension>
      </InvoiceInformation></Invoice><Footer/></E_Invoice>`;
    expect(detect(xml)).toMatchObject({ syntax: 'ee', profile: { id: 'en16931' } });
  });

  it('answers unknown for other roots, whatever their prefix', () => {
    expect(detect('<Invoice/>').syntax).toBe('unknown');
    expect(detect(`<x:Invoice xmlns:x="${NS.invoice}"/>`).syntax).toBe('ubl-invoice');
    expect(detect(`<x:Order xmlns:x="${NS.invoice}"/>`).syntax).toBe('unknown');
    expect(detect(`<Invoice xmlns="${NS.invoice}"/>`).profile.id).toBe('none');
  });

  it.each([
    ['urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0#compliant#urn:www.difi.no:ehf:ver3.0', 'peppol-bis3'],
    ['urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1', 'cius-ro'],
    ['urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic', 'factur-x'],
    ['urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended', 'factur-x'],
    ['urn:ferd:CrossIndustryDocument:invoice:1p0:comfort', 'zugferd-1'],
    ['urn:cen.eu:en16931:2017#compliant#urn:example:cius', 'en16931-cius'],
    ['urn:cen.eu:en16931:2017#conformant#urn:example:ext', 'en16931-extension'],
    ['123', 'other'],
    ['', 'none'],
  ])('classifies %s as %s', (id, expected) => {
    expect(classifySpecificationId(id).id).toBe(expected);
  });
});
