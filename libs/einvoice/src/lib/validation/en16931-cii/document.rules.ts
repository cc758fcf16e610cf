import type { XmlElement } from '../../xml/xml-node';
import type { CiiDoc } from './cii-doc';
import {
  at,
  dec,
  has,
  kids,
  nsp,
  path,
  RAM,
  round2,
  sel,
} from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import { rules } from './rule-kit';

/** Rules in context `/rsm:CrossIndustryInvoice` (EN 16931 model). */
export const DOCUMENT_RULES = rules('fatal', {
  'BR-01': 'An invoice shall have a specification identifier (BT-24).',
  'BR-02': 'An invoice shall have an invoice number (BT-1).',
  'BR-03': 'An invoice shall have an invoice issue date (BT-2) in format 102.',
  'BR-04': 'An invoice shall have an invoice type code (BT-3).',
  'BR-05': 'An invoice shall have an invoice currency code (BT-5).',
  'BR-06': 'An invoice shall contain the seller name (BT-27).',
  'BR-07': 'An invoice shall contain the buyer name (BT-44).',
  'BR-08': 'An invoice shall contain the seller postal address (BG-5).',
  'BR-09':
    'The seller postal address (BG-5) shall contain a seller country code (BT-40).',
  'BR-10': 'An invoice shall contain the buyer postal address (BG-8).',
  'BR-11':
    'The buyer postal address (BG-8) shall contain a buyer country code (BT-55).',
  'BR-16': 'An invoice shall have at least one invoice line (BG-25).',
  'BR-62':
    'The seller electronic address (BT-34) shall have a scheme identifier.',
  'BR-63':
    'The buyer electronic address (BT-49) shall have a scheme identifier.',
  'BR-CO-15':
    'Invoice total amount with VAT (BT-112) = invoice total amount without VAT (BT-109) + invoice total VAT amount (BT-110).',
  'BR-S-01':
    'An invoice with a "Standard rated" (S) item, allowance or charge shall have at least one S VAT breakdown (BG-23).',
  'BR-Z-01':
    'An invoice with a "Zero rated" (Z) item, allowance or charge shall have exactly one Z VAT breakdown (BG-23).',
  'BR-E-01':
    'An invoice with an "Exempt from VAT" (E) item, allowance or charge shall have exactly one E VAT breakdown (BG-23).',
  'BR-AE-01':
    'An invoice with a "Reverse charge" (AE) item, allowance or charge shall have exactly one AE VAT breakdown (BG-23).',
  'BR-IC-01':
    'An invoice with an "Intra-community supply" (K) item, allowance or charge shall have exactly one K VAT breakdown (BG-23).',
  'BR-G-01':
    'An invoice with an "Export outside the EU" (G) item, allowance or charge shall have exactly one G VAT breakdown (BG-23).',
  'BR-O-01':
    'An invoice with a "Not subject to VAT" (O) item, allowance or charge shall have exactly one O VAT breakdown (BG-23).',
  'BR-AF-01':
    'An invoice with an IGIC (L) item, allowance or charge shall have at least one L VAT breakdown (BG-23).',
  'BR-AG-01':
    'An invoice with an IPSI (M) item, allowance or charge shall have at least one M VAT breakdown (BG-23).',
  'BR-B-01':
    'An invoice with "Split payment" (B) VAT category shall be a domestic Italian invoice.',
  'BR-B-02':
    'An invoice with "Split payment" (B) VAT category shall not contain "Standard rated" (S) VAT categories.',
});
const R = DOCUMENT_RULES;

const P_CONTEXT_ID = path(
  'rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID',
);
const P_DOC_ID = path('rsm:ExchangedDocument/ram:ID');
const P_ISSUE_DATE = path(
  'rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString',
);
const P_TYPE_CODE = path('rsm:ExchangedDocument/ram:TypeCode');
const P_CURRENCY = path(
  'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode',
);
const P_SELLER = path(
  'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty',
);
const P_BUYER = path(
  'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty',
);
const P_NAME = path('ram:Name');
const P_ADDRESS = path('ram:PostalTradeAddress');
const P_COUNTRY = path('ram:PostalTradeAddress/ram:CountryID');
const P_URI = path('ram:URIUniversalCommunication');
const P_URI_ID = path('ram:URIID');
const P_SUMMATION = path(
  'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation',
);
const P_GRAND = path('ram:GrandTotalAmount');
const P_BASIS = path('ram:TaxBasisTotalAmount');
const P_TAX_TOTAL = path('ram:TaxTotalAmount');

/** Categories checked by "at least one breakdown" (-01 of S, L, M) and "exactly one" (Z, E, AE, K, G). */
const AT_LEAST_ONE = [
  ['BR-S-01', 'S'],
  ['BR-AF-01', 'L'],
  ['BR-AG-01', 'M'],
] as const;
const EXACTLY_ONE = [
  ['BR-Z-01', 'Z'],
  ['BR-E-01', 'E'],
  ['BR-AE-01', 'AE'],
  ['BR-IC-01', 'K'],
  ['BR-G-01', 'G'],
] as const;

/** `normalize-space(...[1]/ram:URIID/@schemeID) != '' or not(...)` for BR-62 / BR-63, per party. */
function uriSchemeOk(parties: readonly XmlElement[]): boolean {
  const firsts = parties.flatMap((p) =>
    kids(p, RAM, 'URIUniversalCommunication').slice(0, 1),
  );
  const schemes = sel(firsts, P_URI_ID).flatMap((u) => {
    const s = at(u, 'schemeID');
    return s === undefined ? [] : [s];
  });
  return nsp(schemes) !== '' || !has(parties, P_URI);
}

/** Rules in context `/rsm:CrossIndustryInvoice`. */
export function documentRules(
  doc: CiiDoc,
  r: Reporter,
  root: XmlElement,
): void {
  const nonEmpty = (p: readonly XmlElement[]): boolean => nsp(p) !== '';
  r.check(R['BR-01'], root, () => nonEmpty(sel(root, P_CONTEXT_ID)));
  r.check(R['BR-02'], root, () => nonEmpty(sel(root, P_DOC_ID)));
  r.check(R['BR-03'], root, () =>
    nonEmpty(sel(root, P_ISSUE_DATE).filter((d) => at(d, 'format') === '102')),
  );
  r.check(R['BR-04'], root, () => nonEmpty(sel(root, P_TYPE_CODE)));
  r.check(R['BR-05'], root, () => nonEmpty(sel(root, P_CURRENCY)));
  const sellers = sel(root, P_SELLER);
  const buyers = sel(root, P_BUYER);
  r.check(R['BR-06'], root, () => nonEmpty(sel(sellers, P_NAME)));
  r.check(R['BR-07'], root, () => nonEmpty(sel(buyers, P_NAME)));
  r.ok(R['BR-08'], root, has(sellers, P_ADDRESS));
  r.check(R['BR-09'], root, () => nonEmpty(sel(sellers, P_COUNTRY)));
  r.ok(R['BR-10'], root, has(buyers, P_ADDRESS));
  r.check(R['BR-11'], root, () => nonEmpty(sel(buyers, P_COUNTRY)));
  r.ok(
    R['BR-16'],
    root,
    doc.ram('IncludedSupplyChainTradeLineItem').length > 0,
  );
  r.check(R['BR-62'], root, () => uriSchemeOk(sellers));
  r.check(R['BR-63'], root, () => uriSchemeOk(buyers));
  r.check(R['BR-CO-15'], root, () => grandTotalOk(doc, root));

  for (const [id, code] of AT_LEAST_ONE) {
    const c = doc.categoryCounts(code);
    r.ok(
      R[id],
      root,
      (c.line + c.header >= 2 || c.line === 0) &&
        (c.allowanceCharge + c.header >= 2 || c.allowanceCharge === 0),
    );
  }
  for (const [id, code] of EXACTLY_ONE) {
    const c = doc.categoryCounts(code);
    r.ok(
      R[id],
      root,
      (c.header === 0 && c.line === 0 && c.allowanceCharge === 0) ||
        (c.header === 1 && (c.line > 0 || c.allowanceCharge > 0)),
    );
  }
  const o = doc.categoryCounts('O');
  r.ok(
    R['BR-O-01'],
    root,
    o.header === 0 || (o.header === 1 && (o.line > 0 || o.allowanceCharge > 0)),
  );

  const hasB = doc.anyCategoryCode('B');
  const allItalian = !doc.ram('CountryID').some((c) => c.text !== 'IT');
  r.ok(R['BR-B-01'], root, (allItalian && hasB) || !hasB);
  r.ok(R['BR-B-02'], root, (hasB && !doc.anyCategoryCode('S')) || !hasB);
}

/**
 * BR-CO-15: for every invoice currency code, either exactly one VAT total in that currency and
 * grand total = round2(tax basis + that VAT total), or grand total = tax basis.
 */
function grandTotalOk(doc: CiiDoc, root: XmlElement): boolean {
  const sums = sel(root, P_SUMMATION);
  const grand = (): ReturnType<typeof dec> =>
    dec(sel(sums, P_GRAND).slice(0, 1));
  const basis = (): ReturnType<typeof dec> =>
    dec(sel(sums, P_BASIS).slice(0, 1));
  const taxTotals = sel(sums, P_TAX_TOTAL);
  for (const currency of doc.invoiceCurrency) {
    const inCurrency = taxTotals.filter(
      (t) => at(t, 'currencyID') === currency.text,
    );
    let ok = false;
    if (inCurrency.length === 1) {
      const g = grand();
      const b = basis();
      const t = dec(inCurrency.slice(0, 1));
      ok =
        g !== undefined &&
        b !== undefined &&
        t !== undefined &&
        g.eq(round2(b.plus(t)));
    }
    if (!ok) {
      const g = grand();
      const b = basis();
      ok = g !== undefined && b !== undefined && g.eq(b);
    }
    if (!ok) return false;
  }
  return true;
}
