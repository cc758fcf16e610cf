import type { XmlElement } from '../../xml/xml-node';
import { decimalsAfterPoint } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  anyVsZero,
  at,
  is,
  kid,
  kids,
  nsp,
  path,
  RAM,
  RSM,
  sel,
  str,
  upper,
} from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import { rules } from './rule-kit';

/** Invoice line (BG-25), invoicing periods (BG-14, BG-26) and item attributes (BG-32). */
export const LINE_RULES = rules('fatal', {
  'BR-21':
    'Each invoice line (BG-25) shall have an invoice line identifier (BT-126).',
  'BR-22':
    'Each invoice line (BG-25) shall have an invoiced quantity (BT-129).',
  'BR-23':
    'An invoice line (BG-25) shall have an invoiced quantity unit of measure code (BT-130).',
  'BR-24':
    'Each invoice line (BG-25) shall have an invoice line net amount (BT-131).',
  'BR-25': 'Each invoice line (BG-25) shall contain the item name (BT-153).',
  'BR-26':
    'Each invoice line (BG-25) shall contain the item net price (BT-146).',
  'BR-27': 'The item net price (BT-146) shall not be negative.',
  'BR-28': 'The item gross price (BT-148) shall not be negative.',
  'BR-64':
    'The item standard identifier (BT-157) shall have a scheme identifier.',
  'BR-CO-04':
    'Each invoice line (BG-25) shall be categorized with an invoiced item VAT category code (BT-151).',
  'BR-CO-18': 'An invoice shall have at least one VAT breakdown group (BG-23).',
  'BR-DEC-23':
    'The invoice line net amount (BT-131) shall have at most 2 decimals.',
  'BR-30':
    'The invoice line period end date (BT-135) shall be later or equal to the start date (BT-134).',
  'BR-CO-20':
    'If an invoice line period (BG-26) is given, its start date (BT-134) or end date (BT-135) shall be present, or both.',
  'BR-29':
    'The invoicing period end date (BT-74) shall be later or equal to the start date (BT-73).',
  'BR-CO-19':
    'If an invoicing period (BG-14) is given, its start date (BT-73) or end date (BT-74) shall be present, or both.',
  'BR-54':
    'Each item attribute (BG-32) shall contain an item attribute name (BT-160) and value (BT-161).',
});
const R = LINE_RULES;

const P_START = path('ram:StartDateTime');
const P_END = path('ram:EndDateTime');
const P_DTS = path('udt:DateTimeString');

/** The line's elements the rules read, gathered in one pass (paths as in the official rules). */
interface LineParts {
  /** ram:AssociatedDocumentLineDocument/ram:LineID */
  readonly lineIds: XmlElement[];
  /** ram:SpecifiedTradeProduct/ram:Name */
  readonly names: XmlElement[];
  /** ram:SpecifiedTradeProduct/ram:GlobalID */
  readonly globalIds: XmlElement[];
  /** ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount */
  readonly net: XmlElement[];
  /** ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice/ram:ChargeAmount */
  readonly gross: XmlElement[];
  /** ram:SpecifiedLineTradeDelivery/ram:BilledQuantity */
  readonly quantities: XmlElement[];
  /** ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax */
  readonly taxes: XmlElement[];
  /** ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount */
  readonly netAmounts: XmlElement[];
}

function pushKids(el: XmlElement, local: string, out: XmlElement[]): void {
  for (const k of el.children)
    if (k.local === local && k.ns === RAM) out.push(k);
}

function partsOf(line: XmlElement): LineParts {
  const p: LineParts = {
    lineIds: [],
    names: [],
    globalIds: [],
    net: [],
    gross: [],
    quantities: [],
    taxes: [],
    netAmounts: [],
  };
  for (const c of line.children) {
    if (c.ns !== RAM) continue;
    switch (c.local) {
      case 'AssociatedDocumentLineDocument':
        pushKids(c, 'LineID', p.lineIds);
        break;
      case 'SpecifiedTradeProduct':
        for (const k of c.children) {
          if (k.ns !== RAM) continue;
          if (k.local === 'Name') p.names.push(k);
          else if (k.local === 'GlobalID') p.globalIds.push(k);
        }
        break;
      case 'SpecifiedLineTradeAgreement':
        for (const k of c.children) {
          if (k.ns !== RAM) continue;
          if (k.local === 'NetPriceProductTradePrice')
            pushKids(k, 'ChargeAmount', p.net);
          else if (k.local === 'GrossPriceProductTradePrice')
            pushKids(k, 'ChargeAmount', p.gross);
        }
        break;
      case 'SpecifiedLineTradeDelivery':
        pushKids(c, 'BilledQuantity', p.quantities);
        break;
      case 'SpecifiedLineTradeSettlement':
        for (const k of c.children) {
          if (k.ns !== RAM) continue;
          if (k.local === 'ApplicableTradeTax') p.taxes.push(k);
          else if (k.local === 'SpecifiedTradeSettlementLineMonetarySummation')
            pushKids(k, 'LineTotalAmount', p.netAmounts);
        }
        break;
      default:
        break;
    }
  }
  return p;
}

/** Rules in context `//ram:IncludedSupplyChainTradeLineItem` (the hot path of large invoices: one pass over the line). */
export function lineRules(doc: CiiDoc, r: Reporter, line: XmlElement): void {
  const p = partsOf(line);
  r.check(R['BR-21'], line, () => nsp(p.lineIds) !== '');
  r.ok(R['BR-22'], line, p.quantities.length > 0);
  r.ok(
    R['BR-23'],
    line,
    p.quantities.some((q) => at(q, 'unitCode') !== undefined),
  );
  r.ok(R['BR-24'], line, p.netAmounts.length > 0);
  r.check(R['BR-25'], line, () => nsp(p.names) !== '');
  r.ok(R['BR-26'], line, p.net.length > 0);
  r.check(R['BR-27'], line, () => anyVsZero(p.net, '>='));
  r.check(
    R['BR-28'],
    line,
    () => p.gross.length === 0 || anyVsZero(p.gross, '>='),
  );
  r.check(
    R['BR-64'],
    line,
    () =>
      p.globalIds.length === 0 ||
      nsp(attrValues(p.globalIds, 'schemeID')) !== '',
  );
  r.check(R['BR-CO-04'], line, () =>
    p.taxes.some(
      (t) =>
        upper(kids(t, RAM, 'TypeCode')) === 'VAT' &&
        kid(t, RAM, 'CategoryCode') !== undefined,
    ),
  );
  r.ok(R['BR-CO-18'], line, hasHeaderVatBreakdown(doc));
  r.check(
    R['BR-DEC-23'],
    line,
    () => decimalsAfterPoint(str(p.netAmounts)) <= 2,
  );
}

function attrValues(els: readonly XmlElement[], name: string): string[] {
  const out: string[] = [];
  for (const e of els) {
    const v = at(e, name);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** `//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax` exists. */
function hasHeaderVatBreakdown(doc: CiiDoc): boolean {
  return doc.fact('BR-CO-18', () =>
    doc
      .ram('ApplicableTradeTax')
      .some(
        (t) =>
          is(t.parent, RAM, 'ApplicableHeaderTradeSettlement') &&
          is(t.parent.parent, RSM, 'SupplyChainTradeTransaction'),
      ),
  );
}

/** Dates written with format 102 under a period boundary (`ram:X/udt:DateTimeString[@format = '102']`). */
function dates102(period: XmlElement, boundary: typeof P_START): string[] {
  return sel(sel(period, boundary), P_DTS)
    .filter((d) => at(d, 'format') === '102')
    .map((d) => d.text);
}

/**
 * Context `//ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod` (BR-30, BR-CO-20) and
 * `//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod` (BR-29, BR-CO-19). The
 * dates are compared as strings, as XPath compares two untyped values.
 */
export function periodRules(r: Reporter, period: XmlElement): void {
  const line = is(period.parent, RAM, 'SpecifiedLineTradeSettlement');
  if (!line && !is(period.parent, RAM, 'ApplicableHeaderTradeSettlement'))
    return;
  const hasStart = kid(period, RAM, 'StartDateTime') !== undefined;
  const hasEnd = kid(period, RAM, 'EndDateTime') !== undefined;
  const ends = dates102(period, P_END);
  const starts = dates102(period, P_START);
  const ordered = ends.some((e) => starts.some((s) => e >= s));
  r.ok(line ? R['BR-30'] : R['BR-29'], period, ordered || !hasEnd || !hasStart);
  r.ok(line ? R['BR-CO-20'] : R['BR-CO-19'], period, hasStart || hasEnd);
}

/** Context `//ram:ApplicableProductCharacteristic`. */
export function characteristicRules(r: Reporter, el: XmlElement): void {
  r.ok(
    R['BR-54'],
    el,
    kid(el, RAM, 'Description') !== undefined &&
      kid(el, RAM, 'Value') !== undefined,
  );
}
