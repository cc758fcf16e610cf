import type { XmlElement } from '../../xml/xml-node';
import { normalizeSpace } from '../../xml/query';
import { xsBoolean } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  anyEq,
  at,
  count as countPath,
  countKids,
  has,
  is,
  kid,
  kids,
  nsp,
  path,
  RAM,
  sel,
  UDT,
  XPathError,
} from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';

/** Syntax rules on cardinalities and combinations (CII-SR-* that are not plain "not present"). */
export const COUNT_RULES_FATAL = rules('fatal', {
  'CII-SR-009':
    'The specification identifier parameter (ram:GuidelineSpecifiedDocumentContextParameter) shall occur exactly once.',
  'CII-SR-010':
    'The specification identifier (BT-24) shall occur exactly once.',
  'CII-SR-014': 'The invoice type code (BT-3) shall occur exactly once.',
  'CII-SR-046':
    'An item standard identifier (BT-157) shall have a scheme identifier.',
  'CII-SR-069':
    'An item attribute (BG-32) shall have exactly one name (BT-160).',
  'CII-SR-072':
    'An item attribute (BG-32) shall have exactly one value (BT-161).',
  'CII-SR-090':
    'An item country of origin (BT-159) shall have exactly one country code.',
  'CII-SR-439':
    'An invoice line shall have exactly one item net price (BT-146).',
  'CII-SR-441':
    'An invoice line shall have at most one item net price (BT-146).',
  'CII-SR-463': 'An allowance or charge shall have a charge indicator.',
  'CII-SR-471': 'An allowance or charge shall have at most one percentage.',
  'CII-SR-472':
    'An allowance or charge shall have at most one VAT category (ram:CategoryTradeTax).',
  'CII-SR-473': 'An allowance or charge shall have at most one amount.',
  'CII-SR-440':
    'An item price discount shall have at most one amount (BT-147).',
  'CII-SR-455': 'The seller shall have at most one contact (BG-6).',
  'CII-SR-456': 'The buyer shall have at most one contact (BG-9).',
  'CII-SR-459': 'The seller shall have at most one electronic address (BT-34).',
  'CII-SR-460': 'The buyer shall have at most one electronic address (BT-49).',
  'CII-SR-461': 'The VAT point date (BT-7) shall occur at most once.',
  'CII-SR-462': 'All VAT point date codes (BT-8) shall be the same.',
  'CII-SR-470':
    'A credit transfer (payment means 30 or 58) shall have a payment account identifier (BT-84).',
  'CII-SR-467': 'All payment means type codes (BT-81) shall be the same.',
  'CII-SR-468': 'All payment means texts (BT-82) shall be the same.',
  'CII-SR-469': 'The remittance information (BT-83) shall occur at most once.',
});
/** The warnings among them. */
export const COUNT_RULES_WARNING = rules('warning', {
  'CII-SR-003': 'The business process type (BT-23) should occur at most once.',
  'CII-SR-030': 'An invoice note (BT-22) should have at most one content.',
  'CII-SR-039': 'An invoice line should have at most one note (BT-127).',
  'CII-SR-040':
    'An invoice line note (BT-127) should have at most one content.',
  'CII-SR-119':
    'An item price discount (BT-147) should be given with a false charge indicator and an amount.',
  'CII-SR-454':
    'An invoice line should have exactly one VAT category (ram:ApplicableTradeTax).',
  'CII-SR-474':
    'An invoice line should have at most one invoiced object identifier (type code 130).',
  'CII-SR-450':
    'The buyer identifier should be given either as ram:ID or as ram:GlobalID, not both.',
  'CII-SR-457':
    'The tender or lot reference (BT-17, type code 50) should occur at most once.',
  'CII-SR-458':
    'The invoiced object identifier (BT-18, type code 130) should occur at most once.',
  'CII-SR-465':
    'The seller contact point (BT-41) should be given as person name or department name, not both.',
  'CII-SR-466':
    'The buyer contact point (BT-56) should be given as person name or department name, not both.',
  'CII-SR-475':
    'An attached document (type code 916) should have at most one description.',
  'CII-SR-476':
    'An attached document (type code 916) should have at most one attachment.',
  'CII-SR-449':
    'The deliver-to location identifier should be given either as ram:ID or as ram:GlobalID, not both.',
  'CII-SR-451':
    'The payee identifier should be given either as ram:ID or as ram:GlobalID, not both.',
  'CII-SR-452': 'Payment terms should occur at most once.',
  'CII-SR-453':
    'The payment terms description (BT-20) should occur at most once.',
});
const F = COUNT_RULES_FATAL;
const W = COUNT_RULES_WARNING;

/** `count(el/path)`; the path text is compiled once and cached. */
const count = (el: XmlElement, p: string): number => countPath(el, path(p));

/** `count(ram:local) <= 1` checks of the header monetary summation (CII-SR-477..494). */
export const SUMMATION_SINGLE: readonly (readonly [Rule, string])[] = [
  'LineTotalAmount',
  'ChargeTotalAmount',
  'AllowanceTotalAmount',
  'TaxBasisTotalAmount',
  'RoundingAmount',
  'GrandTotalAmount',
  'InformationAmount',
  'TotalPrepaidAmount',
  'TotalDiscountAmount',
  'TotalAllowanceChargeAmount',
  'DuePayableAmount',
  'RetailValueExcludingTaxInformationAmount',
  'TotalDepositFeeInformationAmount',
  'ProductValueExcludingTobaccoTaxInformationAmount',
  'TotalRetailValueInformationAmount',
  'GrossLineTotalAmount',
  'NetLineTotalAmount',
  'NetIncludingTaxesLineTotalAmount',
].map((local, i) => {
  const id = `CII-SR-${477 + i}`;
  return [
    {
      id,
      flag: 'fatal',
      message: `[${id}] ram:${local} shall occur at most once.`,
    },
    local,
  ] as const;
});

/** Context `/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext`. */
export function documentContextCounts(r: Reporter, el: XmlElement): void {
  r.ok(
    W['CII-SR-003'],
    el,
    count(el, 'ram:BusinessProcessSpecifiedDocumentContextParameter') <= 1,
  );
  r.ok(
    F['CII-SR-009'],
    el,
    count(el, 'ram:GuidelineSpecifiedDocumentContextParameter') === 1,
  );
  r.ok(
    F['CII-SR-010'],
    el,
    count(el, 'ram:GuidelineSpecifiedDocumentContextParameter/ram:ID') === 1,
  );
}

/** Context `/rsm:CrossIndustryInvoice/rsm:ExchangedDocument`. */
export function documentCounts(r: Reporter, el: XmlElement): void {
  r.ok(F['CII-SR-014'], el, count(el, 'ram:TypeCode') === 1);
}

/** Context `/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IncludedNote`. */
export function noteCounts(r: Reporter, el: XmlElement): void {
  r.ok(W['CII-SR-030'], el, count(el, 'ram:Content') <= 1);
}

/** Context: the line's `ram:AssociatedDocumentLineDocument`. */
export function lineDocumentCounts(r: Reporter, el: XmlElement): void {
  r.ok(W['CII-SR-039'], el, count(el, 'ram:IncludedNote') <= 1);
  r.ok(W['CII-SR-040'], el, count(el, 'ram:IncludedNote/ram:Content') <= 1);
}

/** Context: the line's `ram:SpecifiedTradeProduct`. */
export function productCounts(r: Reporter, el: XmlElement): void {
  const globals = kids(el, RAM, 'GlobalID');
  r.ok(
    F['CII-SR-046'],
    el,
    globals.length === 0 ||
      globals.some((g) => at(g, 'schemeID') !== undefined),
  );
  r.ok(
    F['CII-SR-090'],
    el,
    kid(el, RAM, 'OriginTradeCountry') === undefined ||
      count(el, 'ram:OriginTradeCountry/ram:ID') === 1,
  );
}

/** Context: the line product's `ram:ApplicableProductCharacteristic`. */
export function characteristicCounts(r: Reporter, el: XmlElement): void {
  r.ok(F['CII-SR-069'], el, count(el, 'ram:Description') === 1);
  r.ok(F['CII-SR-072'], el, count(el, 'ram:Value') === 1);
}

/** `ram:ChargeIndicator[udt:Indicator=false()]` exists among `indicators` (cast errors propagate). */
function someFalse(indicators: readonly XmlElement[]): boolean {
  for (const ci of indicators) {
    for (const ind of kids(ci, UDT, 'Indicator')) {
      const b = xsBoolean(ind.text);
      if (b === undefined) throw new XPathError('indicator is not a boolean');
      if (!b) return true;
    }
  }
  return false;
}

/** Context: the line's `ram:SpecifiedLineTradeAgreement`. */
export function lineAgreementCounts(r: Reporter, el: XmlElement): void {
  const netPrices = count(el, 'ram:NetPriceProductTradePrice/ram:ChargeAmount');
  r.ok(F['CII-SR-439'], el, netPrices === 1);
  r.check(W['CII-SR-119'], el, () => {
    const discounts = sel(
      el,
      path('ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge'),
    );
    const indicators = sel(discounts, path('ram:ChargeIndicator'));
    const amounts = has(discounts, path('ram:ActualAmount'));
    return (
      (someFalse(indicators) && amounts) ||
      (indicators.length === 0 && !amounts)
    );
  });
  r.ok(F['CII-SR-441'], el, netPrices <= 1);
}

/** Context `//ram:SpecifiedTradeAllowanceCharge`. */
export function allowanceChargeCounts(r: Reporter, el: XmlElement): void {
  r.ok(F['CII-SR-463'], el, count(el, 'ram:ChargeIndicator') > 0);
  r.ok(F['CII-SR-471'], el, count(el, 'ram:RateApplicablePercent') <= 1);
  r.ok(F['CII-SR-472'], el, count(el, 'ram:CategoryTradeTax') <= 1);
  r.ok(F['CII-SR-473'], el, count(el, 'ram:ActualAmount') <= 1);
}

/** Context `//ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge`. */
export function priceDiscountCounts(r: Reporter, el: XmlElement): void {
  r.ok(F['CII-SR-440'], el, count(el, 'ram:ActualAmount') <= 1);
}

/** Context: the line's `ram:SpecifiedLineTradeSettlement`. */
export function lineSettlementCounts(r: Reporter, el: XmlElement): void {
  r.ok(W['CII-SR-454'], el, count(el, 'ram:ApplicableTradeTax') === 1);
  r.check(
    W['CII-SR-474'],
    el,
    () =>
      kids(el, RAM, 'AdditionalReferencedDocument').filter(
        (d) => nsp(kids(d, RAM, 'TypeCode')) === '130',
      ).length <= 1,
  );
}

/** `(not(X/ram:ID) and X/ram:GlobalID) or (X/ram:ID and not(X/ram:GlobalID)) or neither`: not both. */
function notBothIds(el: XmlElement, party: string): boolean {
  return !(
    count(el, `ram:${party}/ram:ID`) > 0 &&
    count(el, `ram:${party}/ram:GlobalID`) > 0
  );
}

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement`. */
export function headerAgreementCounts(r: Reporter, el: XmlElement): void {
  r.ok(W['CII-SR-450'], el, notBothIds(el, 'BuyerTradeParty'));
  r.ok(
    F['CII-SR-455'],
    el,
    count(el, 'ram:SellerTradeParty/ram:DefinedTradeContact') <= 1,
  );
  r.ok(
    F['CII-SR-456'],
    el,
    count(el, 'ram:BuyerTradeParty/ram:DefinedTradeContact') <= 1,
  );
  const refs = kids(el, RAM, 'AdditionalReferencedDocument');
  r.ok(
    W['CII-SR-457'],
    el,
    refs.filter((d) => anyEq(kids(d, RAM, 'TypeCode'), '50')).length <= 1,
  );
  r.ok(
    W['CII-SR-458'],
    el,
    refs.filter((d) => anyEq(kids(d, RAM, 'TypeCode'), '130')).length <= 1,
  );
  r.ok(
    F['CII-SR-459'],
    el,
    count(el, 'ram:SellerTradeParty/ram:URIUniversalCommunication') <= 1,
  );
  r.ok(
    F['CII-SR-460'],
    el,
    count(el, 'ram:BuyerTradeParty/ram:URIUniversalCommunication') <= 1,
  );
  for (const [rule, party] of [
    [W['CII-SR-465'], 'SellerTradeParty'],
    [W['CII-SR-466'], 'BuyerTradeParty'],
  ] as const) {
    const contacts = `ram:${party}/ram:DefinedTradeContact`;
    r.ok(
      rule,
      el,
      !(
        count(el, `${contacts}/ram:PersonName`) > 0 &&
        count(el, `${contacts}/ram:DepartmentName`) > 0
      ),
    );
  }
  r.check(
    W['CII-SR-475'],
    el,
    () => attached(refs).flatMap((d) => kids(d, RAM, 'Name')).length <= 1,
  );
  r.check(
    W['CII-SR-476'],
    el,
    () =>
      attached(refs).flatMap((d) => kids(d, RAM, 'AttachmentBinaryObject'))
        .length <= 1,
  );
}

/** `ram:AdditionalReferencedDocument[normalize-space(ram:TypeCode) = '916']`. */
function attached(refs: readonly XmlElement[]): XmlElement[] {
  return refs.filter((d) => nsp(kids(d, RAM, 'TypeCode')) === '916');
}

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery`. */
export function headerDeliveryCounts(r: Reporter, el: XmlElement): void {
  r.ok(W['CII-SR-449'], el, notBothIds(el, 'ShipToTradeParty'));
}

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement`. */
export function headerSettlementCounts(
  doc: CiiDoc,
  r: Reporter,
  el: XmlElement,
): void {
  r.ok(W['CII-SR-451'], el, notBothIds(el, 'PayeeTradeParty'));
  r.ok(W['CII-SR-452'], el, count(el, 'ram:SpecifiedTradePaymentTerms') <= 1);
  r.ok(
    W['CII-SR-453'],
    el,
    count(el, 'ram:SpecifiedTradePaymentTerms/ram:Description') <= 1,
  );
  r.ok(
    F['CII-SR-461'],
    el,
    count(el, 'ram:ApplicableTradeTax/ram:TaxPointDate') <= 1,
  );
  const sameCodes = doc.fact('CII-SR-462', () => {
    const codes = doc
      .ram('DueDateTypeCode')
      .filter((c) => is(c.parent, RAM, 'ApplicableTradeTax'));
    return codes.length === 0 || new Set(codes.map((c) => c.text)).size === 1;
  });
  r.ok(F['CII-SR-462'], el, sameCodes);
  r.check(F['CII-SR-470'], el, () =>
    kids(el, RAM, 'SpecifiedTradeSettlementPaymentMeans').every((pm) => {
      const code = nsp(kids(pm, RAM, 'TypeCode'));
      const transfer = code === '30' || code === '58';
      return !(
        transfer &&
        !has(pm, path('ram:PayeePartyCreditorFinancialAccount/ram:IBANID')) &&
        !has(
          pm,
          path('ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID'),
        )
      );
    }),
  );
}

/** Context: the header `ram:SpecifiedTradeSettlementHeaderMonetarySummation` (CII-SR-477..494). */
export function summationCounts(r: Reporter, el: XmlElement): void {
  for (const [rule, local] of SUMMATION_SINGLE)
    r.ok(rule, el, countKids(el, RAM, local) <= 1);
}

/** All values normalise to the first one (CII-SR-467 / 468). */
function allSame(values: readonly XmlElement[]): boolean {
  const first = values[0];
  if (!first) return true;
  const norm = normalizeSpace(first.text);
  return values.every((v) => normalizeSpace(v.text) === norm);
}

/** Context `/rsm:CrossIndustryInvoice` (CII-SR-467..469). */
export function rootCounts(doc: CiiDoc, r: Reporter, root: XmlElement): void {
  const means = doc.ram('SpecifiedTradeSettlementPaymentMeans');
  r.ok(F['CII-SR-467'], root, allSame(sel(means, path('ram:TypeCode'))));
  r.ok(F['CII-SR-468'], root, allSame(sel(means, path('ram:Information'))));
  r.ok(
    F['CII-SR-469'],
    root,
    doc
      .ram('PaymentReference')
      .filter((p) => is(p.parent, RAM, 'ApplicableHeaderTradeSettlement'))
      .length <= 1,
  );
}
