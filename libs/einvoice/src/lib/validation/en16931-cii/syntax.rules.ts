import type { XmlElement } from '../../xml/xml-node';
import { AbsentTable } from './absent-table';
import type { CiiDoc } from './cii-doc';
import { at, is, RAM, RSM, UDT } from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import * as H from './syntax-absent-header.data';
import * as L from './syntax-absent-lines.data';
import * as C from './syntax-count.rules';
import {
  AMOUNT_ATTRS,
  checkAttrs,
  date102Rules,
  ID_ATTRS,
  ID_NO_SCHEME,
  LINE_CATEGORY_ATTRS,
  quantityRules,
  referencedDocumentRules,
  ROOT_ATTRS,
  tradeTaxRules,
  TYPE_CODE_ATTRS,
} from './syntax-dt.rules';

/** The "should not be present" tables, compiled once. */
export const ABSENT = {
  paymentMeans: new AbsentTable(L.ABSENT_PAYMENT_MEANS),
  documentContext: new AbsentTable(L.ABSENT_DOCUMENT_CONTEXT),
  document: new AbsentTable(L.ABSENT_DOCUMENT),
  line: new AbsentTable(L.ABSENT_LINE),
  lineDocument: new AbsentTable(L.ABSENT_LINE_DOCUMENT),
  product: new AbsentTable(L.ABSENT_PRODUCT),
  lineAgreement: new AbsentTable(L.ABSENT_LINE_AGREEMENT),
  lineDelivery: new AbsentTable(L.ABSENT_LINE_DELIVERY),
  lineSettlement: new AbsentTable(L.ABSENT_LINE_SETTLEMENT),
  headerAgreement: new AbsentTable(H.ABSENT_HEADER_AGREEMENT),
  headerDelivery: new AbsentTable(H.ABSENT_HEADER_DELIVERY),
  headerSettlement: new AbsentTable(H.ABSENT_HEADER_SETTLEMENT),
  summation: new AbsentTable(H.ABSENT_SUMMATION),
  root: new AbsentTable(H.ABSENT_ROOT),
  contextParameter: new AbsentTable(H.ABSENT_CONTEXT_PARAMETER),
  referencedDocument: new AbsentTable(H.ABSENT_REFERENCED_DOCUMENT),
  tradeTax: new AbsentTable(H.ABSENT_TRADE_TAX),
  period: new AbsentTable(H.ABSENT_PERIOD),
  address: new AbsentTable(H.ABSENT_ADDRESS),
} as const;

/**
 * The EN 16931 CII syntax pattern (CII-SR-*, CII-DT-*). Each element is judged by the first
 * official rule whose context it matches: the specific absolute contexts first, then the
 * generic name-suffix contexts (`*ID`, `TypeCode`, `*ReferencedDocument`, `*Amount`, ...).
 */
export function runSyntax(doc: CiiDoc, r: Reporter): void {
  for (const el of doc.other) {
    if (el.ns === RSM) {
      if (el === doc.root && doc.isCii) {
        checkAttrs(r, el, ROOT_ATTRS);
        ABSENT.root.run(r, el);
        C.rootCounts(doc, r, el);
      } else if (doc.isRootChild(el, 'ExchangedDocumentContext')) {
        ABSENT.documentContext.run(r, el);
        C.documentContextCounts(r, el);
      } else if (doc.isRootChild(el, 'ExchangedDocument')) {
        ABSENT.document.run(r, el);
        C.documentCounts(r, el);
      } else if (el.local.endsWith('DocumentContextParameter'))
        ABSENT.contextParameter.run(r, el);
    } else if (el.local === 'DateTimeString' && el.ns === UDT) {
      if (at(el, 'format') === '102') date102Rules(r, el);
    } else if (el.local.endsWith('DocumentContextParameter'))
      ABSENT.contextParameter.run(r, el);
  }
  for (const el of doc.forSyntax)
    if (!specificRam(doc, r, el)) genericRam(doc, r, el);
}

const SPECIFIC_NAMES = new Set([
  'SpecifiedTradeSettlementPaymentMeans',
  'IncludedNote',
  'IncludedSupplyChainTradeLineItem',
  'AssociatedDocumentLineDocument',
  'SpecifiedTradeProduct',
  'ApplicableProductCharacteristic',
  'SpecifiedLineTradeAgreement',
  'SpecifiedTradeAllowanceCharge',
  'AppliedTradeAllowanceCharge',
  'SpecifiedLineTradeDelivery',
  'SpecifiedLineTradeSettlement',
  'ApplicableHeaderTradeAgreement',
  'ApplicableHeaderTradeDelivery',
  'ApplicableHeaderTradeSettlement',
  'SpecifiedTradeSettlementHeaderMonetarySummation',
  'TypeCode',
  'CategoryCode',
  'BillingSpecifiedPeriod',
  'PostalTradeAddress',
]);
const SUFFIXES = [
  'DocumentContextParameter',
  'ID',
  'ReferencedDocument',
  'Amount',
  'Quantity',
  'TradeTax',
];

/** True when a `ram:` element of that name has a rule context in the syntax pattern. */
export function isSyntaxName(local: string): boolean {
  return SPECIFIC_NAMES.has(local) || SUFFIXES.some((s) => local.endsWith(s));
}

/** The absolute-path and other named contexts; false when none matched. */
function specificRam(doc: CiiDoc, r: Reporter, el: XmlElement): boolean {
  switch (el.local) {
    case 'SpecifiedTradeSettlementPaymentMeans':
      ABSENT.paymentMeans.run(r, el);
      return true;
    case 'IncludedNote':
      if (!doc.isRootChild(el.parent, 'ExchangedDocument')) return false;
      C.noteCounts(r, el);
      return true;
    case 'IncludedSupplyChainTradeLineItem':
      if (!doc.isTxChild(el, 'IncludedSupplyChainTradeLineItem')) return false;
      ABSENT.line.run(r, el);
      return true;
    case 'AssociatedDocumentLineDocument':
      if (!doc.isLineChild(el, el.local)) return false;
      ABSENT.lineDocument.run(r, el);
      C.lineDocumentCounts(r, el);
      return true;
    case 'SpecifiedTradeProduct':
      if (!doc.isLineChild(el, el.local)) return false;
      ABSENT.product.run(r, el);
      C.productCounts(r, el);
      return true;
    case 'ApplicableProductCharacteristic':
      if (!doc.isLineChild(el.parent, 'SpecifiedTradeProduct')) return false;
      C.characteristicCounts(r, el);
      return true;
    case 'SpecifiedLineTradeAgreement':
      if (!doc.isLineChild(el, el.local)) return false;
      ABSENT.lineAgreement.run(r, el);
      C.lineAgreementCounts(r, el);
      return true;
    case 'SpecifiedTradeAllowanceCharge':
      C.allowanceChargeCounts(r, el);
      return true;
    case 'AppliedTradeAllowanceCharge':
      if (!is(el.parent, RAM, 'GrossPriceProductTradePrice')) return false;
      C.priceDiscountCounts(r, el);
      return true;
    case 'SpecifiedLineTradeDelivery':
      if (!doc.isLineChild(el, el.local)) return false;
      ABSENT.lineDelivery.run(r, el);
      return true;
    case 'SpecifiedLineTradeSettlement':
      if (!doc.isLineChild(el, el.local)) return false;
      ABSENT.lineSettlement.run(r, el);
      C.lineSettlementCounts(r, el);
      return true;
    case 'ApplicableHeaderTradeAgreement':
      if (!doc.isTxChild(el, el.local)) return false;
      ABSENT.headerAgreement.run(r, el);
      C.headerAgreementCounts(r, el);
      return true;
    case 'ApplicableHeaderTradeDelivery':
      if (!doc.isTxChild(el, el.local)) return false;
      ABSENT.headerDelivery.run(r, el);
      C.headerDeliveryCounts(r, el);
      return true;
    case 'ApplicableHeaderTradeSettlement':
      if (!doc.isTxChild(el, el.local)) return false;
      ABSENT.headerSettlement.run(r, el);
      C.headerSettlementCounts(doc, r, el);
      return true;
    case 'SpecifiedTradeSettlementHeaderMonetarySummation':
      if (!doc.isTxChild(el.parent, 'ApplicableHeaderTradeSettlement'))
        return false;
      ABSENT.summation.run(r, el);
      C.summationCounts(r, el);
      return true;
    default:
      return false;
  }
}

/** `ram:ID` of BT-24 / BT-1, `ram:LineID` of BT-126, `ram:SellerAssignedID` of BT-155 (CII-DT-001..007). */
function isPlainIdentifier(doc: CiiDoc, el: XmlElement): boolean {
  const p = el.parent;
  switch (el.local) {
    case 'ID':
      return (
        doc.isRootChild(p, 'ExchangedDocument') ||
        (is(p, RAM, 'GuidelineSpecifiedDocumentContextParameter') &&
          doc.isRootChild(p.parent, 'ExchangedDocumentContext'))
      );
    case 'LineID':
      return doc.isLineChild(p, 'AssociatedDocumentLineDocument');
    case 'SellerAssignedID':
      return doc.isLineChild(p, 'SpecifiedTradeProduct');
    default:
      return false;
  }
}

/** The name-suffix contexts, in the official order. */
function genericRam(doc: CiiDoc, r: Reporter, el: XmlElement): void {
  const name = el.local;
  if (name.endsWith('DocumentContextParameter'))
    return ABSENT.contextParameter.run(r, el);
  if (isPlainIdentifier(doc, el)) return checkAttrs(r, el, ID_NO_SCHEME);
  if (name.endsWith('ID')) return checkAttrs(r, el, ID_ATTRS);
  // `//ram:TypeCode` also takes the document type code, so CII-DT-010..012 never apply.
  if (name === 'TypeCode') return checkAttrs(r, el, TYPE_CODE_ATTRS);
  if (name === 'CategoryCode') {
    const tax = el.parent;
    if (
      is(tax, RAM, 'ApplicableTradeTax') &&
      doc.isLineChild(tax.parent, 'SpecifiedLineTradeSettlement')
    )
      checkAttrs(r, el, LINE_CATEGORY_ATTRS);
    return;
  }
  if (name.endsWith('ReferencedDocument')) {
    ABSENT.referencedDocument.run(r, el);
    return referencedDocumentRules(r, el);
  }
  if (name.endsWith('Amount')) {
    if (name !== 'TaxTotalAmount') checkAttrs(r, el, AMOUNT_ATTRS);
    return;
  }
  if (name.endsWith('Quantity')) return quantityRules(doc, r, el);
  if (name.endsWith('TradeTax')) {
    tradeTaxRules(r, el, doc.root);
    return ABSENT.tradeTax.run(r, el);
  }
  if (name === 'BillingSpecifiedPeriod') return ABSENT.period.run(r, el);
  if (name === 'PostalTradeAddress') return ABSENT.address.run(r, el);
}
