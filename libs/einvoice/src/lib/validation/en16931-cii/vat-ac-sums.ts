import type Decimal from 'decimal.js';
import type { XmlElement } from '../../xml/xml-node';
import { Dec } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  decimalKey,
  indicatorCast,
  indicatorIs,
  kids,
  path,
  RAM,
  sel,
  XPathError,
} from './cii-xpath.util';
import { ExactSum } from './exact-sum';

/**
 * Document level allowance and charge sums per VAT category (and rate) for the BR-x-08 rules,
 * grouped in one pass over the allowances and charges, so a document with many VAT breakdowns
 * and many allowances stays linear. XPath errors are kept per group and raised when a rule
 * reads the group, exactly where the official predicate would raise them.
 */

/** How a rule reads the indicator: general comparison `= true()` or `cast as xs:boolean`. */
export type IndicatorMode = 'compare' | 'cast';

/** A rate: its value and the canonical key of its lexical form. */
export interface Rate {
  readonly value: Decimal;
  readonly key: string;
}

const P_HEADER_AC = path('ram:SpecifiedTradeAllowanceCharge');

interface Group {
  readonly total: ExactSum;
  error: boolean;
}

/** Sums of one reading of the indicator (mode and allowance / charge). */
interface Side {
  /** Some allowance's indicator made the predicate raise an error: every sum of this side fails. */
  error: boolean;
  readonly byCategory: Map<string, Group>;
  readonly byCategoryRate: Map<string, Map<string, Group>>;
  /** Categories where a matching allowance's rate is not an xs:decimal. */
  readonly rateError: Set<string>;
}

function side(): Side {
  return {
    error: false,
    byCategory: new Map(),
    byCategoryRate: new Map(),
    rateError: new Set(),
  };
}

function group(map: Map<string, Group>, key: string): Group {
  let g = map.get(key);
  if (!g) map.set(key, (g = { total: new ExactSum(), error: false }));
  return g;
}

/** Indicator reading of one allowance or charge: the boolean it matches, or 'error'. */
function reading(read: () => boolean): boolean | 'error' {
  try {
    return read();
  } catch (e) {
    if (e instanceof XPathError) return 'error';
    throw e;
  }
}

function addTo(g: Group, amount: XmlElement | undefined | 'error'): void {
  if (amount === 'error') g.error = true;
  else if (amount !== undefined && !g.total.add(amount.text)) g.error = true;
}

type Sides = Record<`${IndicatorMode}:${boolean}`, Side>;

function groups(doc: CiiDoc): Sides {
  return doc.fact('vatAcGroups', () => {
    const sides: Sides = {
      'compare:true': side(),
      'compare:false': side(),
      'cast:true': side(),
      'cast:false': side(),
    };
    for (const ac of sel(doc.settlement, P_HEADER_AC)) {
      const taxes = kids(ac, RAM, 'CategoryTradeTax');
      const categories = new Set<string>();
      for (const t of taxes)
        for (const c of kids(t, RAM, 'CategoryCode')) categories.add(c.text);
      let rates: string[] | 'error' = [];
      for (const t of taxes) {
        const rs = kids(t, RAM, 'RateApplicablePercent');
        if (rs.length === 0) continue;
        const key =
          rs.length === 1 ? decimalKey((rs[0] as XmlElement).text) : undefined;
        if (key === undefined) {
          rates = 'error';
          break;
        }
        if (!rates.includes(key)) rates.push(key);
      }
      // xs:decimal(ram:ActualAmount[1]).
      const amount = kid1(ac);
      const cast = reading(() => indicatorCast(ac));
      for (const charge of [true, false]) {
        const compare = reading(() => indicatorIs(ac, charge));
        for (const [mode, match] of [
          ['compare', compare],
          ['cast', cast === 'error' ? 'error' : cast === charge],
        ] as const) {
          const s = sides[`${mode}:${charge}`];
          if (match === 'error') s.error = true;
          if (match !== true) continue;
          for (const cat of categories) {
            addTo(group(s.byCategory, cat), amount);
            if (rates === 'error') {
              s.rateError.add(cat);
              continue;
            }
            let byRate = s.byCategoryRate.get(cat);
            if (!byRate) s.byCategoryRate.set(cat, (byRate = new Map()));
            for (const key of rates) addTo(group(byRate, key), amount);
          }
        }
      }
    }
    return sides;
  });
}

function kid1(ac: XmlElement): XmlElement | undefined {
  for (const k of ac.children)
    if (k.local === 'ActualAmount' && k.ns === RAM) return k;
  return undefined;
}

function value(g: Group | undefined): Decimal {
  if (!g) return new Dec(0);
  if (g.error)
    throw new XPathError('allowance amount or rate is not a decimal');
  return g.total.value();
}

/**
 * `sum(/rsm:.../ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge[indicator = charge and
 * ram:CategoryTradeTax/ram:CategoryCode = cat (and ram:CategoryTradeTax/xs:decimal(ram:RateApplicablePercent) = rate)]/xs:decimal(ram:ActualAmount[1]))`.
 */
export function allowanceChargeSum(
  doc: CiiDoc,
  charge: boolean,
  mode: IndicatorMode,
  cat: string,
  rate?: Rate,
): Decimal {
  const s = groups(doc)[`${mode}:${charge}`];
  if (s.error) throw new XPathError('charge indicator is not a boolean');
  if (rate === undefined) return value(s.byCategory.get(cat));
  if (s.rateError.has(cat))
    throw new XPathError('allowance rate is not a decimal');
  return value(s.byCategoryRate.get(cat)?.get(rate.key));
}
