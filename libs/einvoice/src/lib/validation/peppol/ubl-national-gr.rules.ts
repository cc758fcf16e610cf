import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { stringLength, trimXml } from '../common';
import { greekTin } from './identifiers.util';
import { anyText, at, kids, parentIs, selectAll, text } from './rule-context';
import type { UblDoc } from './ubl-doc';
import { taxSchemes } from './ubl-national-nordic.rules';
import { castableInteger, isNumeric, nsp, substr, tokenize } from './xpath.util';

/**
 * Greek national rules (GR-R-*, GR-S-*) for UBL: the structured invoice number
 * (TIN|date|branch|type|series|number), TIN check digits, MARK and invoice URL references,
 * and TIN-based electronic addresses (scheme 9933).
 */

const { cbc: CBC, cac: CAC } = NS;

const GREEK_DOCUMENT_TYPES = new Set(['1.1', '1.6', '2.1', '2.4', '5.1', '5.2']);
// Day, month and year with optional '-', '\', '/' or ' ' separators; unanchored at the end as in the official rule.
const GREEK_ID_DATE = /^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}/;
const MARK = '##M.AR.K##';
const INVOICE_URL = '##INVOICE|URL##';

/** `PartyTaxScheme[TaxScheme/ID = 'VAT']/substring(CompanyID, 3, 9)` for the given parties (raw scheme comparison). */
function vatTins(parties: readonly XmlElement[]): string[] {
  return parties.flatMap((p) => taxSchemes(p, 'VAT', false)).map((pts) => substr(kids(pts, CBC, 'CompanyID')[0]?.text, 3, 9));
}

/** Exactly one VAT identifier (normalised scheme), prefixed EL, with a valid TIN. */
function greekVatId(party: XmlElement): boolean {
  const ids = selectAll(taxSchemes(party, 'VAT', true), 'cbc:CompanyID');
  const id = text(ids);
  return ids.length === 1 && substr(id, 1, 2) === 'EL' && greekTin(substr(id, 3));
}

/** Runs the Greek rules. */
export function runUblGreece(d: UblDoc): void {
  const parties = (role: string) => d.all(CAC, 'Party').filter((p) => parentIs(p, CAC, role));
  if (d.greekSender) {
    if (d.isInvoice || d.isCreditNote) for (const id of kids(d.root, CBC, 'ID')) invoiceNumber(d, id);
    for (const party of parties('AccountingSupplierParty')) {
      d.check(stringLength(text(select(party, 'cac:PartyName/cbc:Name')) ?? '') > 0, 'GR-R-002', 'fatal', party, 'Greek suppliers MUST give their registered name (BT-27).');
      d.check(greekVatId(party), 'GR-S-011', 'warning', party, "Greek suppliers should give exactly one VAT identifier (BT-31) prefixed 'EL' with a valid TIN.");
      for (const id of selectAll(taxSchemes(party, 'VAT', true), 'cbc:CompanyID')) {
        d.check(
          substr(id.text, 1, 2) === 'EL' && greekTin(substr(id.text, 3)),
          'GR-R-003',
          'fatal',
          id,
          "A Greek supplier VAT identifier (BT-31) MUST start with 'EL' followed by a valid TIN.",
        );
      }
    }
    const supplierInGreece = anyText(select(d.root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode'), 'GR');
    if (supplierInGreece && (d.isInvoice || d.isCreditNote)) {
      const refs = kids(d.root, CAC, 'AdditionalDocumentReference');
      const count = (desc: string) => refs.filter((r) => anyText(kids(r, CBC, 'DocumentDescription'), desc)).length;
      d.check(count(MARK) === 1, 'GR-R-004-1', 'fatal', d.root, 'A Greek supplier MUST give exactly one MARK number (document description ##M.AR.K##).');
      d.check(count(INVOICE_URL) === 1, 'GR-S-008-1', 'warning', d.root, 'A Greek supplier should give one invoice URL (document description ##INVOICE|URL##).');
      d.check(count(INVOICE_URL) <= 1, 'GR-R-008-2', 'fatal', d.root, 'A Greek supplier MUST NOT give more than one invoice URL.');
    }
    for (const ref of d.all(CAC, 'AdditionalDocumentReference')) {
      const descriptions = kids(ref, CBC, 'DocumentDescription');
      if (supplierInGreece && anyText(descriptions, MARK)) {
        for (const id of kids(ref, CBC, 'ID')) {
          d.check(/^[1-9]/.test(id.text), 'GR-R-004-2', 'fatal', id, 'The MARK number of a Greek supplier MUST be a positive integer.');
        }
      }
      if (anyText(descriptions, INVOICE_URL)) {
        d.check(
          stringLength(nsp(text(select(ref, 'cac:Attachment/cac:ExternalReference/cbc:URI')))) > 0,
          'GR-R-008-3',
          'fatal',
          ref,
          'The invoice URL reference of a Greek supplier MUST give the external URI (BT-124).',
        );
      }
    }
    for (const party of parties('AccountingCustomerParty')) {
      d.check(stringLength(text(select(party, 'cac:PartyName/cbc:Name')) ?? '') > 0, 'GR-R-005', 'fatal', party, "Greek suppliers MUST give the buyer's full name (BT-45).");
    }
  }
  if (d.accountingSupplierCountry === 'GR' || d.accountingSupplierCountry === 'EL') {
    for (const party of parties('AccountingSupplierParty')) {
      for (const ep of kids(party, CBC, 'EndpointID')) {
        d.check(
          at(ep, 'schemeID') === '9933' && greekTin(ep.text),
          'GR-R-009',
          'fatal',
          ep,
          'A Greek supplier MUST use its TIN with scheme 9933 as electronic address (BT-34).',
        );
      }
    }
  }
  if (d.greekSender && d.greekReceiver) {
    for (const party of parties('AccountingCustomerParty')) {
      d.check(greekVatId(party), 'GR-R-006', 'fatal', party, "For a Greek buyer the buyer VAT identifier (BT-48) MUST be given once, prefixed 'EL', with a valid TIN.");
      for (const ep of kids(party, CBC, 'EndpointID')) {
        d.check(
          at(ep, 'schemeID') === '9933' && greekTin(ep.text),
          'GR-R-010',
          'fatal',
          ep,
          'For a Greek buyer the electronic address (BT-49) MUST be its TIN with scheme 9933.',
        );
      }
    }
  }
}

/** GR-R-001-*: the invoice number is TIN|issue date|branch|document type|series|number. */
function invoiceNumber(d: UblDoc, idEl: XmlElement): void {
  const segments = tokenize(idEl.text, /\|/);
  const [tin, date, branch, docType, series, serial] = segments;
  const root = d.root;
  d.check(segments.length === 6, 'GR-R-001-1', 'fatal', idEl, 'The invoice number (BT-1) of a Greek supplier MUST have 6 segments separated by |.');
  const knownTins = [
    ...vatTins(select(root, 'cac:AccountingSupplierParty/cac:Party')),
    ...vatTins(kids(root, CAC, 'TaxRepresentativeParty')),
  ];
  d.check(
    tin !== undefined && stringLength(nsp(tin)) === 9 && greekTin(tin) && knownTins.includes(tin),
    'GR-R-001-2',
    'fatal',
    idEl,
    "The first segment of the invoice number MUST be a valid TIN equal to the supplier's or tax representative's TIN.",
  );
  const idDate = tokenize(date, /\//);
  const issue = tokenize(text(kids(root, CBC, 'IssueDate')), /-/);
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a === b;
  d.check(
    date !== undefined &&
      stringLength(nsp(date)) > 0 &&
      GREEK_ID_DATE.test(date) &&
      same(idDate[0], issue[2]) &&
      same(idDate[1], issue[1]) &&
      same(idDate[2], issue[0]),
    'GR-R-001-3',
    'fatal',
    idEl,
    'The second segment of the invoice number MUST be a date (DD/MM/YYYY) equal to the issue date (BT-2).',
  );
  d.check(
    branch !== undefined && stringLength(nsp(branch)) > 0 && isNumeric(branch) && castableInteger(branch) && BigInt(trimXml(branch)) >= 0n,
    'GR-R-001-4',
    'fatal',
    idEl,
    'The third segment of the invoice number MUST be a non-negative integer.',
  );
  d.check(
    docType !== undefined && stringLength(nsp(docType)) > 0 && GREEK_DOCUMENT_TYPES.has(docType),
    'GR-R-001-5',
    'fatal',
    idEl,
    'The fourth segment of the invoice number MUST be a Greek document type (1.1, 1.6, 2.1, 2.4, 5.1, 5.2).',
  );
  d.check(stringLength(series ?? '') > 0, 'GR-R-001-6', 'fatal', idEl, 'The fifth segment of the invoice number MUST NOT be empty.');
  d.check(stringLength(serial ?? '') > 0, 'GR-R-001-7', 'fatal', idEl, 'The sixth segment of the invoice number MUST NOT be empty.');
}
