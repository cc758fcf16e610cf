import { NS, first, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { Dec, round2, stringLength, xsDouble } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  EAS_CODES,
  PEPPOL_CURRENCY_CODES,
  PEPPOL_MIME_CODES,
  PROFILE01_CII_TYPES,
  UNCL5189_ALLOWANCE_REASONS,
  UNCL7161_CHARGE_REASONS,
} from './code-lists';
import { checkIdentifier } from './identifier.rules';
import { anyText, at, is, kid, kids, parentIs, text } from './rule-context';
import { lineNetWithinSlackFast } from './line-amount.util';
import { lineNet } from './ubl-core.rules';
import { allowanceChargePercentage, dec, SLACK, ZERO } from './syntax-neutral.rules';
import { nsp, withinSlack } from './xpath.util';

/**
 * Peppol BIS 3.0 rules for CII D16B: transaction rules (PEPPOL-EN16931-R0xx/R1xx), identifier
 * checks, code lists and formats. A value the official XPath cannot cast fails the assertion.
 */

const { ram: RAM, rsm: RSM, udt: UDT } = NS;
const ONE = new Dec(1);
const SPEC_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';

/** `ram:ChargeIndicator/udt:Indicator`, normalised. */
function indicator(ac: XmlElement): string {
  return nsp(text(select(ac, 'ram:ChargeIndicator/udt:Indicator')));
}

function someSign(nodes: readonly XmlElement[], pred: (v: number) => boolean): boolean {
  return nodes.some((n) => {
    const v = xsDouble(n.text);
    return v !== undefined && pred(v);
  });
}

/** Runs the CII transaction, identifier and code-list rules. */
export function runCiiCore(d: CiiDoc): void {
  for (const ctx of d.all(RSM, 'ExchangedDocumentContext')) {
    d.check(!!first(ctx, 'ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID'), 'PEPPOL-EN16931-R001', 'fatal', ctx, 'Business process (BT-23) MUST be provided.');
    d.check(
      d.profile !== undefined && d.profile !== 'Unknown',
      'PEPPOL-EN16931-R007',
      'fatal',
      ctx,
      "Business process (BT-23) MUST have the form 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0'.",
    );
    d.check(
      nsp(text(select(ctx, 'ram:GuidelineSpecifiedDocumentContextParameter/ram:ID'))).startsWith(SPEC_ID),
      'PEPPOL-EN16931-R004',
      'fatal',
      ctx,
      `Specification identifier (BT-24) MUST start with '${SPEC_ID}'.`,
    );
  }
  for (const ag of d.all(RAM, 'ApplicableHeaderTradeAgreement')) {
    d.check(
      !!kid(ag, RAM, 'BuyerReference') || !!first(ag, 'ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID'),
      'PEPPOL-EN16931-R003',
      'fatal',
      ag,
      'A buyer reference (BT-10) or purchase order reference (BT-13) MUST be provided.',
    );
    const docs = kids(ag, RAM, 'AdditionalReferencedDocument');
    const typed = (code: string) => docs.filter((r) => anyText(kids(r, RAM, 'TypeCode'), code)).length;
    d.check(typed('130') <= 1, 'PEPPOL-EN16931-R006', 'fatal', ag, 'Only one invoiced object identifier (BT-18) is allowed on document level.');
    d.check(typed('50') <= 1, 'PEPPOL-EN16931-R080', 'fatal', ag, 'Only one project reference (BT-11) is allowed on document level.');
  }
  for (const st of d.all(RAM, 'ApplicableHeaderTradeSettlement')) settlement(d, st);
  for (const doc of d.all(RSM, 'ExchangedDocument')) {
    const notes = kids(doc, RAM, 'IncludedNote');
    d.check(
      notes.length <= 1 && !notes.some((n) => !!kid(n, RAM, 'SubjectCode')),
      'PEPPOL-EN16931-R002',
      'fatal',
      doc,
      'No more than one invoice note (BT-22) is allowed, and without a subject code.',
    );
  }
  for (const p of d.all(RAM, 'BuyerTradeParty')) {
    d.check(!!first(p, 'ram:URIUniversalCommunication/ram:URIID'), 'PEPPOL-EN16931-R010', 'fatal', p, 'Buyer electronic address (BT-49) MUST be provided.');
  }
  for (const p of d.all(RAM, 'SellerTradeParty')) {
    d.check(!!first(p, 'ram:URIUniversalCommunication/ram:URIID'), 'PEPPOL-EN16931-R020', 'fatal', p, 'Seller electronic address (BT-34) MUST be provided.');
  }
  for (const ac of d.all(RAM, 'SpecifiedTradeAllowanceCharge')) allowanceCharge(d, ac);
  for (const ac of d.all(RAM, 'AppliedTradeAllowanceCharge')) checkIndicator(d, ac);
  for (const pm of d.all(RAM, 'SpecifiedTradeSettlementPaymentMeans')) {
    const code = nsp(text(kids(pm, RAM, 'TypeCode')));
    if (code === '49' || code === '59') {
      d.check(
        !!first(pm, '../ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID'),
        'PEPPOL-EN16931-R061',
        'fatal',
        pm,
        'Mandate reference (BT-89) MUST be provided for direct debit.',
      );
    }
  }
  for (const tx of d.all(RSM, 'SupplyChainTradeTransaction')) linePeriods(d, tx);
  for (const line of d.all(RAM, 'IncludedSupplyChainTradeLineItem')) lineRules(d, line);
  for (const name of ['NetPriceProductTradePrice', 'GrossPriceProductTradePrice']) {
    for (const price of d.all(RAM, name)) {
      const base = kid(price, RAM, 'BasisQuantity');
      const v = dec(base);
      d.check(!base || (!!v && v.gt(0)), 'PEPPOL-EN16931-R121', 'fatal', price, 'Item price base quantity (BT-149) MUST be above zero.');
      for (const bq of kids(price, RAM, 'BasisQuantity')) {
        const unit = at(bq, 'unitCode');
        if (unit === undefined) continue;
        // ../../.. of the base quantity is the line item; never step above the given root.
        const line = price.parent === d.root ? undefined : price.parent?.parent;
        const billed = line ? select(line, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity') : [];
        d.check(
          billed.some((q) => at(q, 'unitCode') === unit),
          'PEPPOL-EN16931-R130',
          'fatal',
          bq,
          'Unit code of the price base quantity (BT-150) MUST be the same as that of the invoiced quantity (BT-130).',
        );
      }
    }
  }
  codes(d);
}

function settlement(d: CiiDoc, st: XmlElement): void {
  const taxCurrency = kid(st, RAM, 'TaxCurrencyCode');
  d.check(
    !taxCurrency || nsp(taxCurrency.text) !== nsp(text(kids(st, RAM, 'InvoiceCurrencyCode'))),
    'PEPPOL-EN16931-R005',
    'fatal',
    st,
    'VAT accounting currency code (BT-6) MUST differ from the invoice currency code (BT-5).',
  );
  const docCodes = d.documentCurrency.map((c) => c.text);
  const taxCodes = d.taxCurrency.map((c) => c.text);
  const totals = select(st, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount');
  const inDoc = totals.filter((t) => {
    const cur = at(t, 'currencyID');
    return cur !== undefined && docCodes.includes(cur);
  });
  const notInDoc = totals.filter((t) => {
    const cur = at(t, 'currencyID');
    return cur !== undefined && docCodes.some((c) => c !== cur);
  });
  d.check(inDoc.length === 1, 'PEPPOL-EN16931-R053', 'fatal', st, 'Exactly one VAT total amount (BT-110) in the invoice currency MUST be provided.');
  d.check(
    notInDoc.length === (taxCurrency ? 1 : 0),
    'PEPPOL-EN16931-R054',
    'fatal',
    st,
    'Exactly one VAT total in accounting currency (BT-111) MUST be provided when, and only when, a VAT accounting currency (BT-6) is given.',
  );
  if (d.taxCurrency.length > 0) {
    const inTax = totals.filter((t) => {
      const cur = at(t, 'currencyID');
      return cur !== undefined && taxCodes.includes(cur);
    });
    const lt0 = (v: number) => v < 0;
    const ge0 = (v: number) => v >= 0;
    d.check(
      (someSign(inTax, lt0) && someSign(inDoc, lt0)) || (someSign(inTax, ge0) && someSign(inDoc, ge0)),
      'PEPPOL-EN16931-R055',
      'fatal',
      st,
      'Invoice total VAT amount (BT-110) and total VAT amount in accounting currency (BT-111) MUST have the same sign.',
    );
  }
}

function checkIndicator(d: CiiDoc, ac: XmlElement): void {
  const v = indicator(ac);
  d.check(v === 'true' || v === 'false', 'PEPPOL-EN16931-R043', 'fatal', ac, "Allowance/charge indicator MUST be 'true' or 'false'.");
}

function allowanceCharge(d: CiiDoc, ac: XmlElement): void {
  const percent = kid(ac, RAM, 'CalculationPercent');
  const base = kid(ac, RAM, 'BasisAmount');
  if (!allowanceChargePercentage(d, ac, percent, base, kid(ac, RAM, 'ActualAmount'))) return;
  checkIndicator(d, ac);
}

function linePeriods(d: CiiDoc, tx: XmlElement): void {
  for (const [edge, rule, after] of [
    ['StartDateTime', 'PEPPOL-EN16931-R110', true],
    ['EndDateTime', 'PEPPOL-EN16931-R111', false],
  ] as const) {
    const header = select(tx, `ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod/ram:${edge}`);
    if (header.length === 0) continue;
    const headerValues = header.flatMap((h) => kids(h, UDT, 'DateTimeString')).map((s) => s.text);
    for (const el of select(tx, `ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:${edge}`)) {
      // Untyped against untyped: XPath compares the two strings.
      const ok = kids(el, UDT, 'DateTimeString').some((s) => headerValues.some((h) => (after ? s.text >= h : s.text <= h)));
      d.check(ok, rule, 'fatal', el, `${after ? 'Start' : 'End'} date of the line period MUST be within the invoice period.`);
    }
  }
}

function lineAllowanceTotal(line: XmlElement, wanted: string): Dec | null {
  let any = false;
  let sum = ZERO;
  for (const ac of select(line, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge')) {
    if (indicator(ac) !== wanted) continue;
    any = true;
    for (const amount of kids(ac, RAM, 'ActualAmount')) {
      const v = dec(amount);
      if (!v) return null;
      sum = sum.plus(v);
    }
  }
  return any ? round2(sum) : ZERO;
}

/** ActualAmount texts of the line allowances (`'false'`) or charges (`'true'`). */
function lineAmountTexts(line: XmlElement, wanted: string): string[] {
  return select(line, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge')
    .filter((ac) => indicator(ac) === wanted)
    .flatMap((ac) => kids(ac, RAM, 'ActualAmount').map((a) => a.text));
}

function lineRules(d: CiiDoc, line: XmlElement): void {
  const lineAmountEl = first(line, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount');
  const quantityEl = first(line, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity');
  const priceEl = first(line, 'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount');
  const baseEl = first(line, 'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:BasisQuantity');
  let ok = lineNetWithinSlackFast({
    lineAmount: lineAmountEl?.text,
    quantity: quantityEl?.text,
    price: priceEl?.text,
    baseQuantity: baseEl?.text,
    charges: lineAmountTexts(line, 'true'),
    allowances: lineAmountTexts(line, 'false'),
  });
  if (ok === undefined) {
    const lineAmount = lineAmountEl ? dec(lineAmountEl) : ZERO;
    const quantity = quantityEl ? dec(quantityEl) : ONE;
    const price = priceEl ? dec(priceEl) : ZERO;
    const baseValue = dec(baseEl);
    const baseQuantity = baseEl ? (baseValue === null ? null : baseValue && !baseValue.isZero() ? baseValue : ONE) : ONE;
    const allowances = lineAllowanceTotal(line, 'false');
    const charges = lineAllowanceTotal(line, 'true');
    ok = !!(lineAmount && quantity && price && baseQuantity && allowances && charges) && withinSlack(lineAmount, lineNet(quantity, price, baseQuantity, charges, allowances), SLACK);
  }
  d.check(
    ok,
    'PEPPOL-EN16931-R120',
    'fatal',
    line,
    'Invoice line net amount (BT-131) MUST equal quantity * (net price / base quantity) + line charges - line allowances (within 0.02).',
  );
  const refs = select(line, 'ram:SpecifiedLineTradeSettlement/ram:AdditionalReferencedDocument');
  d.check(
    refs.filter((r) => anyText(kids(r, RAM, 'TypeCode'), '130')).length <= 1,
    'PEPPOL-EN16931-R100',
    'fatal',
    line,
    'Only one invoiced object identifier (BT-128) is allowed per line.',
  );
  d.check(
    refs.length === 0 || refs.some((r) => anyText(kids(r, RAM, 'TypeCode'), '130')),
    'PEPPOL-EN16931-R101',
    'fatal',
    line,
    "A line document reference can only be an invoiced object identifier (TypeCode '130').",
  );
}

function codes(d: CiiDoc): void {
  for (const el of d.all(RAM, 'URIID')) checkIdentifier(d, el, 'endpoint', 'cii');
  for (const el of d.all(RAM, 'ID')) checkIdentifier(d, el, 'party', 'cii');
  for (const el of d.all(RAM, 'GlobalID')) checkIdentifier(d, el, 'party', 'cii');
  for (const el of d.all(RAM, 'AttachmentBinaryObject')) {
    const mime = at(el, 'mimeCode');
    if (mime !== undefined) {
      d.check(PEPPOL_MIME_CODES.has(mime), 'PEPPOL-EN16931-CL001', 'fatal', el, 'Attachment MIME code MUST be one of the Peppol subset of IANA media types.');
    }
  }
  for (const el of d.all(RAM, 'ReasonCode')) {
    if (!parentIs(el, RAM, 'SpecifiedTradeAllowanceCharge')) continue;
    const ind = indicator(el.parent as XmlElement);
    if (ind === 'false') {
      d.check(UNCL5189_ALLOWANCE_REASONS.has(nsp(el.text)), 'PEPPOL-EN16931-CL002', 'fatal', el, 'Allowance reason code MUST be from the Peppol subset of UNCL 5189.');
    } else if (ind === 'true') {
      d.check(UNCL7161_CHARGE_REASONS.has(nsp(el.text)), 'PEPPOL-EN16931-CL003', 'fatal', el, 'Charge reason code MUST be from UNCL 7161.');
    }
  }
  for (const el of d.all(RAM, 'TaxTotalAmount')) {
    const cur = at(el, 'currencyID');
    if (cur !== undefined) d.check(PEPPOL_CURRENCY_CODES.has(cur), 'PEPPOL-EN16931-CL007', 'fatal', el, 'Currency code MUST be from ISO 4217.');
  }
  for (const el of d.all(RAM, 'TypeCode')) {
    // The official context is `ram:ExchangedDocument/ram:TypeCode` (the document header is
    // rsm:ExchangedDocument), so the official rule never applies to a real header: same here.
    if (!parentIs(el, RAM, 'ExchangedDocument')) continue;
    d.check(d.profile !== '01' || PROFILE01_CII_TYPES.has(nsp(el.text)), 'PEPPOL-EN16931-P0100', 'fatal', el, 'Document type code (BT-3) MUST be allowed in the business process.');
  }
  for (const el of d.all(UDT, 'DateTimeString')) {
    d.check(
      nsp(at(el, 'format')) === '102' && stringLength(el.text) === 8 && /20[0-9]{6}/.test(nsp(el.text)),
      'PEPPOL-EN16931-F001',
      'fatal',
      el,
      "A date MUST be formatted YYYYMMDD (format '102').",
    );
  }
  for (const el of d.all(RAM, 'URIID')) {
    const holder = el.parent;
    if (!is(holder, RAM, 'URIUniversalCommunication')) continue;
    if (!parentIs(holder, RAM, 'BuyerTradeParty') && !parentIs(holder, RAM, 'SellerTradeParty')) continue;
    const scheme = at(el, 'schemeID');
    d.check(scheme !== undefined && EAS_CODES.has(scheme), 'PEPPOL-EN16931-CL008', 'fatal', el, 'Electronic address scheme MUST be from the Electronic Address Scheme (EAS) code list.');
  }
}
