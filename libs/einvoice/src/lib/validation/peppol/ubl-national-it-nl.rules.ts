import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { xsDecimal } from '../common';
import { at, is, kids, parentIs, text } from './rule-context';
import type { UblDoc } from './ubl-doc';
import { nsp } from './xpath.util';

/** Italian (IT-R-*) and Dutch (NL-R-*) national rules for UBL. */

const { cbc: CBC, cac: CAC } = NS;
const NL_PAYMENT_MEANS = new Set(['30', '48', '49', '57', '58', '59']);

/** `@schemeID` lists 0106 (KvK) or 0190 (OIN), and the identifier is not blank. */
export function kvkOrOin(el: XmlElement, scheme: string | undefined): boolean {
  const padded = ` ${scheme ?? ''} `;
  return (padded.includes(' 0106 ') || padded.includes(' 0190 ')) && nsp(el.text) !== '';
}

/** True for `cac:<role>/cac:Party/<el>`. */
function underParty(el: XmlElement, role: string): boolean {
  const party = el.parent;
  return is(party, CAC, 'Party') && parentIs(party, CAC, role);
}

function hasAll(address: XmlElement, ...names: string[]): boolean {
  return names.every((n) => kids(address, CBC, n).length > 0);
}

/** Runs the Italian and Dutch rules. */
export function runUblItalyNetherlands(d: UblDoc): void {
  if (d.supplierCountry === 'IT') {
    for (const party of d.all(CAC, 'Party')) {
      if (!parentIs(party, CAC, 'AccountingSupplierParty')) continue;
      for (const pts of kids(party, CAC, 'PartyTaxScheme')) {
        if (nsp(text(select(pts, 'cac:TaxScheme/cbc:ID'))) === 'VAT') continue;
        d.check(
          /^[A-Z0-9]{11,16}$/.test(nsp(text(kids(pts, CBC, 'CompanyID')))),
          'IT-R-001',
          'fatal',
          pts,
          'For Italian suppliers the seller tax registration identifier (BT-32) MUST have 11 to 16 upper-case letters or digits.',
        );
      }
      const address = (name: string) => select(party, `cac:PostalAddress/cbc:${name}`).length > 0;
      d.check(address('StreetName'), 'IT-R-002', 'fatal', party, 'Italian suppliers MUST give the seller address line 1 (BT-35).');
      d.check(address('CityName'), 'IT-R-003', 'fatal', party, 'Italian suppliers MUST give the seller city (BT-37).');
      d.check(address('PostalZone'), 'IT-R-004', 'fatal', party, 'Italian suppliers MUST give the seller post code (BT-38).');
    }
  }
  if (d.supplierIsNL) netherlands(d);
}

function netherlands(d: UblDoc): void {
  const root = d.root;
  const bothNL = d.customerIsNL;
  for (const el of d.all(CBC, 'CreditNoteTypeCode')) {
    d.check(
      select(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID').length > 0,
      'NL-R-001',
      'fatal',
      el,
      'For Dutch suppliers a credit note MUST reference the invoice it corrects (BT-25).',
    );
  }
  for (const address of d.all(CAC, 'PostalAddress')) {
    if (underParty(address, 'AccountingSupplierParty')) {
      d.check(hasAll(address, 'StreetName', 'CityName', 'PostalZone'), 'NL-R-002', 'fatal', address, 'Dutch suppliers MUST give street (BT-35), city (BT-37) and post code (BT-38).');
    } else if (bothNL && underParty(address, 'AccountingCustomerParty')) {
      d.check(
        hasAll(address, 'StreetName', 'CityName', 'PostalZone'),
        'NL-R-004',
        'fatal',
        address,
        'For a Dutch supplier and buyer the buyer street (BT-50), city (BT-52) and post code (BT-53) MUST be given.',
      );
    } else if (d.taxRepresentativeIsNL && parentIs(address, CAC, 'TaxRepresentativeParty')) {
      d.check(
        hasAll(address, 'StreetName', 'CityName', 'PostalZone'),
        'NL-R-006',
        'fatal',
        address,
        'For a Dutch supplier with a Dutch tax representative the representative street (BT-64), city (BT-66) and post code (BT-67) MUST be given.',
      );
    }
  }
  for (const id of d.all(CBC, 'CompanyID')) {
    const legal = id.parent;
    if (!is(legal, CAC, 'PartyLegalEntity')) continue;
    if (underParty(legal, 'AccountingSupplierParty')) {
      d.check(kvkOrOin(id, at(id, 'schemeID')), 'NL-R-003', 'fatal', id, 'Dutch suppliers MUST give a KvK or OIN number (scheme 0106 or 0190) as legal registration (BT-30).');
    } else if (bothNL && underParty(legal, 'AccountingCustomerParty')) {
      d.check(kvkOrOin(id, at(id, 'schemeID')), 'NL-R-005', 'fatal', id, 'A Dutch buyer MUST have a KvK or OIN number (scheme 0106 or 0190) as legal registration (BT-47).');
    }
  }
  const hasPaymentMeans = d.all(CAC, 'PaymentMeans').length > 0;
  for (const total of d.all(CAC, 'LegalMonetaryTotal')) {
    const payable = xsDecimal(text(kids(total, CBC, 'PayableAmount')) ?? '');
    d.check(
      (d.isInvoice && !!payable && payable.lte(0)) || (d.isCreditNote && !!payable && payable.gte(0)) || hasPaymentMeans,
      'NL-R-007',
      'fatal',
      total,
      'Dutch suppliers MUST give payment instructions (BG-16) when the buyer has to pay.',
    );
  }
  if (bothNL) {
    for (const pm of d.all(CAC, 'PaymentMeans')) {
      d.check(
        NL_PAYMENT_MEANS.has(nsp(text(kids(pm, CBC, 'PaymentMeansCode')))),
        'NL-R-008',
        'fatal',
        pm,
        'For a Dutch supplier and buyer the payment means code (BT-81) MUST be 30, 48, 49, 57, 58 or 59.',
      );
    }
  }
  const orderReference = select(root, 'cac:OrderReference/cbc:ID').length > 0;
  for (const lineId of d.all(CBC, 'LineID')) {
    if (!parentIs(lineId, CAC, 'OrderLineReference')) continue;
    d.check(orderReference, 'NL-R-009', 'fatal', lineId, 'Dutch suppliers using an order line reference (BT-132) MUST give the order reference (BT-13).');
  }
}
