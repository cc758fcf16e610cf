import type Decimal from 'decimal.js';
import type { XmlElement } from '../../xml/xml-node';
import { Dec } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  countKids,
  decimalKey,
  decimalOf,
  kid,
  num,
  RAM,
  round2,
  XPathError,
} from './cii-xpath.util';
import { ExactSum } from './exact-sum';
import {
  allowanceChargeSum,
  type IndicatorMode,
  type Rate,
} from './vat-ac-sums';

export type { IndicatorMode, Rate } from './vat-ac-sums';

/**
 * The per-category sums behind BR-x-08 (VAT category taxable amount): line net amounts of the
 * lines in a category (optionally at a rate) plus document charges minus document allowances
 * in that category, each rounded to 2 decimals. Lines are grouped once per document, so the
 * rules stay linear in the number of lines.
 */

/** A running sum; `error` when XPath would have raised an error while computing it. */
interface Acc {
  readonly total: ExactSum;
  error: boolean;
}

interface LineGroups {
  readonly byCategory: Map<string, Acc>;
  /** By category, then canonical rate. */
  readonly byCategoryRate: Map<string, Map<string, Acc>>;
  /** Categories where a line's rate could not be read (`xs:decimal` error in the predicate). */
  readonly rateError: Set<string>;
}

function add(
  map: Map<string, Acc>,
  key: string,
  amounts: readonly string[] | 'error',
): void {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = { total: new ExactSum(), error: false }));
  if (amounts === 'error') acc.error = true;
  else for (const a of amounts) if (!acc.total.add(a)) acc.error = true;
}

/** One line settlement read in a single pass over its children. */
interface LineFacts {
  readonly categories: string[];
  /** Canonical rates of its taxes, or 'error' when one is not an xs:decimal. */
  readonly rates: string[] | 'error';
  /** Its net amounts (text), or 'error' when one is repeated; a bad literal fails when added. */
  readonly amounts: string[] | 'error';
}

function readLine(settlement: XmlElement): LineFacts {
  const categories: string[] = [];
  let rates: string[] | 'error' = [];
  let amounts: string[] | 'error' = [];
  for (const c of settlement.children) {
    if (c.ns !== RAM) continue;
    if (c.local === 'ApplicableTradeTax') {
      let rateCount = 0;
      let rateText = '';
      for (const t of c.children) {
        if (t.ns !== RAM) continue;
        if (t.local === 'CategoryCode') {
          if (!categories.includes(t.text)) categories.push(t.text);
        } else if (t.local === 'RateApplicablePercent') {
          rateCount++;
          rateText = t.text;
        }
      }
      if (rateCount === 0 || rates === 'error') continue;
      const key = rateCount === 1 ? decimalKey(rateText) : undefined;
      if (key === undefined) rates = 'error';
      else if (!rates.includes(key)) rates.push(key);
    } else if (
      c.local === 'SpecifiedTradeSettlementLineMonetarySummation' &&
      amounts !== 'error'
    ) {
      const n = countKids(c, RAM, 'LineTotalAmount');
      if (n === 0) continue;
      if (n > 1) amounts = 'error';
      else amounts.push((kid(c, RAM, 'LineTotalAmount') as XmlElement).text);
    }
  }
  return { categories, rates, amounts };
}

function lineGroups(doc: CiiDoc): LineGroups {
  return doc.fact('vatLineGroups', () => {
    const groups: LineGroups = {
      byCategory: new Map(),
      byCategoryRate: new Map(),
      rateError: new Set(),
    };
    for (const line of doc.lines) {
      for (const settlement of line.children) {
        if (
          settlement.local !== 'SpecifiedLineTradeSettlement' ||
          settlement.ns !== RAM
        )
          continue;
        const { categories, rates, amounts } = readLine(settlement);
        for (const cat of categories) {
          add(groups.byCategory, cat, amounts);
          if (rates === 'error') {
            groups.rateError.add(cat);
            continue;
          }
          let byRate = groups.byCategoryRate.get(cat);
          if (!byRate) groups.byCategoryRate.set(cat, (byRate = new Map()));
          for (const key of rates) add(byRate, key, amounts);
        }
      }
    }
    return groups;
  });
}

function value(acc: Acc | undefined): Decimal {
  if (!acc) return new Dec(0);
  if (acc.error) throw new XPathError('line amount or rate is not a decimal');
  return acc.total.value();
}

/** Reads a rate element as xs:decimal (error when it is not one). */
export function rateOf(el: XmlElement): Rate {
  const key = decimalKey(el.text);
  const v = decimalOf(el.text);
  if (key === undefined || v === undefined)
    throw new XPathError('rate is not a decimal');
  return { value: v, key };
}

/**
 * `sum(/rsm:.../ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement[ram:ApplicableTradeTax/ram:CategoryCode = cat
 * (and ram:ApplicableTradeTax/xs:decimal(ram:RateApplicablePercent) = rate)]/ram:SpecifiedTradeSettlementLineMonetarySummation/xs:decimal(ram:LineTotalAmount))`.
 */
export function lineNetSum(doc: CiiDoc, cat: string, rate?: Rate): Decimal {
  const g = lineGroups(doc);
  if (rate === undefined) return value(g.byCategory.get(cat));
  if (g.rateError.has(cat)) throw new XPathError('line rate is not a decimal');
  return value(g.byCategoryRate.get(cat)?.get(rate.key));
}

/** round2(lines) + round2(charges) - round2(allowances) for a category (and rate). */
export function expectedTaxable(
  doc: CiiDoc,
  cat: string,
  mode: IndicatorMode,
  rate?: Rate,
): Decimal {
  return round2(lineNetSum(doc, cat, rate))
    .plus(round2(allowanceChargeSum(doc, true, mode, cat, rate)))
    .minus(round2(allowanceChargeSum(doc, false, mode, cat, rate)));
}

/** A single untyped number used in arithmetic (`../ram:BasisAmount - 1`): undefined when absent. */
export function singleNum(els: readonly XmlElement[]): Decimal | undefined {
  if (els.length > 1) throw new XPathError('several items in arithmetic');
  const el = els[0];
  return el === undefined ? undefined : num(el.text);
}
