import type { XmlElement } from '../../xml/xml-node';
import { type Dec, ZERO } from '../common/decimal.util';
import { DecimalSum, canonicalDecimal } from '../common/decimal-sum.util';
import { normalizeSpaceText } from '../common/xpath.util';
import { CAC, CBC, type UblIndex, cacs, cbc, chargeIndicatorIs, isVatScheme, nz, sel, sel1 } from './ubl-index';
import { CastError } from './xpath-values';

/** One cac:TaxCategory or cac:ClassifiedTaxCategory with the facts the VAT rules filter on. */
export interface CategoryRecord {
  readonly el: XmlElement;
  readonly classified: boolean;
  /** `normalize-space(cbc:ID)` (first ID). */
  readonly id: string;
  /** Number of cbc:ID children (almost always 1). */
  readonly idCount: number;
  readonly vat: boolean;
  /** For a TaxCategory under cac:AllowanceCharge: its charge indicator (undefined if neither). */
  readonly acCharge: boolean | undefined;
  readonly underAllowanceCharge: boolean;
  /** Under an AllowanceCharge that is a child of the root. */
  readonly rootAllowanceCharge: boolean;
  /** Under a root-level cac:TaxTotal/cac:TaxSubtotal. */
  readonly rootSubtotal: boolean;
}

/** `cbc:ID = value` on a category: exact string comparison with any of its IDs. */
export function hasRawId(c: CategoryRecord, value: string): boolean {
  if (c.idCount === 1) return (cbc(c.el, 'ID') as XmlElement).text === value;
  for (const k of c.el.children) if (k.local === 'ID' && k.ns === CBC && k.text === value) return true;
  return false;
}

/** `count(cbc:ID[normalize-space(.) = value])` on a category. */
export function countNzId(c: CategoryRecord, value: string): number {
  if (c.idCount === 1) return c.id === value ? 1 : 0;
  let n = 0;
  for (const k of c.el.children) if (k.local === 'ID' && k.ns === CBC && normalizeSpaceText(k.text) === value) n++;
  return n;
}

/** A running sum that an XPath dynamic error may have spoiled. */
type Acc = DecimalSum | CastError;
type LineKind = 'InvoiceLine' | 'CreditNoteLine';

/** Sums keyed by category id, then by rate ('' = all rates). */
class SumTable {
  private readonly byId = new Map<string, Map<string, Acc>>();

  /** Adds the `cbc:<local>` children of `el` to the sum of (id, rate). */
  add(id: string, rate: string, el: XmlElement, local: string): void {
    let rates = this.byId.get(id);
    if (!rates) {
      rates = new Map();
      this.byId.set(id, rates);
    }
    let acc = rates.get(rate);
    if (acc instanceof CastError) return;
    if (!acc) {
      acc = new DecimalSum();
      rates.set(rate, acc);
    }
    for (const c of el.children) {
      if (c.local !== local || c.ns !== CBC) continue;
      if (!acc.add(c.text)) {
        rates.set(rate, new CastError(c.text, 'xs:decimal'));
        return;
      }
    }
  }

  has(id: string, rate: string): boolean {
    return this.byId.get(id)?.has(rate) === true;
  }

  total(id: string, rate: string): Dec {
    const acc = this.byId.get(id)?.get(rate);
    if (acc instanceof CastError) throw acc;
    return acc ? acc.value() : ZERO;
  }
}

/** Canonical rates by literal, so the thousands of identical line percentages are parsed once. */
const rateCache = new Map<string, string | undefined>();

function rateOf(text: string): string | undefined {
  if (rateCache.has(text)) return rateCache.get(text);
  const r = canonicalDecimal(text);
  if (rateCache.size > 1000) rateCache.clear(); // bounded: odd documents cannot grow it without limit
  rateCache.set(text, r);
  return r;
}

/** Distinct normalize-space(cbc:ID) and canonical cbc:Percent of categories; `bad` when a percent is not a decimal. */
class CategoryKeys {
  readonly ids: string[] = [];
  readonly rates: string[] = [];
  bad = false;

  addCategory(c: XmlElement): void {
    const id = nz(cbc(c, 'ID'));
    if (!this.ids.includes(id)) this.ids.push(id);
    for (const p of c.children) {
      if (p.local !== 'Percent' || p.ns !== CBC) continue;
      const r = rateOf(p.text);
      if (r === undefined) this.bad = true;
      else if (!this.rates.includes(r)) this.rates.push(r);
    }
  }
}

function lineKeys(line: XmlElement): CategoryKeys {
  const keys = new CategoryKeys();
  for (const item of line.children) {
    if (item.local !== 'Item' || item.ns !== CAC) continue;
    for (const c of item.children) if (c.local === 'ClassifiedTaxCategory' && c.ns === CAC) keys.addCategory(c);
  }
  return keys;
}

/** Facts shared by the VAT category rules, computed once per document. */
export class VatFacts {
  readonly categories: CategoryRecord[] = [];
  readonly supplierCompanyAny: boolean;
  readonly supplierCompanyVat: boolean;
  readonly taxRepVat: boolean;
  readonly customerVat: boolean;
  readonly customerLegal: boolean;
  /** Root-level line net amounts by category and rate ('' = any rate). */
  private readonly lineSums = { InvoiceLine: new SumTable(), CreditNoteLine: new SumTable() };
  /** Root-level allowance / charge amounts by category and rate. */
  private readonly acSums = { charge: new SumTable(), allowance: new SumTable() };
  /** (id, rate) of any line / any allowance or charge in the document (BR-S-08 existence tests). */
  private readonly lineRateExists = { InvoiceLine: new Map<string, Set<string>>(), CreditNoteLine: new Map<string, Set<string>>() };
  private readonly acRateExists = new Map<string, Set<string>>();
  /** Category ids for which a rate filter raised an error. */
  private readonly rateErrors = { InvoiceLine: new Set<string>(), CreditNoteLine: new Set<string>(), ac: new Set<string>() };

  constructor(readonly ix: UblIndex) {
    const root = ix.root;
    for (const el of ix.named('cac:TaxCategory')) this.categories.push(this.record(el, false));
    for (const el of ix.named('cac:ClassifiedTaxCategory')) this.categories.push(this.record(el, true));
    const ptsCompany = (pts: readonly XmlElement[], vatOnly: boolean) =>
      pts.some((p) => (!vatOnly || isVatScheme(p)) && cbc(p, 'CompanyID') !== undefined);
    const supplierPts = ix.named('cac:AccountingSupplierParty').flatMap((a) => sel(a, 'cac:Party/cac:PartyTaxScheme'));
    const customerParties = ix.named('cac:AccountingCustomerParty').flatMap((a) => sel(a, 'cac:Party'));
    this.supplierCompanyAny = ptsCompany(supplierPts, false);
    this.supplierCompanyVat = ptsCompany(supplierPts, true);
    this.taxRepVat = ptsCompany(ix.named('cac:TaxRepresentativeParty').flatMap((t) => cacs(t, 'PartyTaxScheme')), true);
    this.customerVat = ptsCompany(customerParties.flatMap((p) => cacs(p, 'PartyTaxScheme')), true);
    this.customerLegal = customerParties.some((p) => sel1(p, 'cac:PartyLegalEntity/cbc:CompanyID') !== undefined);

    for (const kind of ['InvoiceLine', 'CreditNoteLine'] as const) {
      const sums = this.lineSums[kind];
      for (const line of ix.named(`cac:${kind}`)) {
        const { ids, rates, bad } = lineKeys(line);
        const isRootLine = line.parent === root;
        for (const id of ids) {
          if (bad) this.rateErrors[kind].add(id);
          if (rates.length > 0) addRates(this.lineRateExists[kind], id, rates);
          if (!isRootLine) continue;
          sums.add(id, '', line, 'LineExtensionAmount');
          for (const r of rates) sums.add(id, r, line, 'LineExtensionAmount');
        }
      }
    }
    for (const ac of ix.named('cac:AllowanceCharge')) {
      const keys = new CategoryKeys();
      for (const c of ac.children) if (c.local === 'TaxCategory' && c.ns === CAC) keys.addCategory(c);
      for (const id of keys.ids) {
        if (keys.bad) this.rateErrors.ac.add(id);
        if (keys.rates.length > 0) addRates(this.acRateExists, id, keys.rates);
      }
      if (ac.parent !== root) continue;
      for (const [k, indicator] of [['charge', true], ['allowance', false]] as const) {
        if (!chargeIndicatorIs(ac, indicator)) continue;
        for (const id of keys.ids) {
          this.acSums[k].add(id, '', ac, 'Amount');
          for (const r of keys.rates) this.acSums[k].add(id, r, ac, 'Amount');
        }
      }
    }
  }

  private record(el: XmlElement, classified: boolean): CategoryRecord {
    let idCount = 0;
    let first: XmlElement | undefined;
    for (const k of el.children) {
      if (k.local === 'ID' && k.ns === CBC) {
        idCount++;
        first ??= k;
      }
    }
    const parent = el.parent;
    const underAc = parent !== undefined && parent.local === 'AllowanceCharge' && parent.ns === CAC;
    const tt = parent?.parent;
    return {
      el,
      classified,
      id: nz(first),
      idCount,
      vat: isVatScheme(el),
      acCharge: underAc ? (chargeIndicatorIs(parent, true) ? true : chargeIndicatorIs(parent, false) ? false : undefined) : undefined,
      underAllowanceCharge: underAc,
      rootAllowanceCharge: underAc && parent.parent === this.ix.root,
      rootSubtotal:
        !classified &&
        parent !== undefined &&
        parent.local === 'TaxSubtotal' &&
        parent.ns === CAC &&
        tt !== undefined &&
        tt.local === 'TaxTotal' &&
        tt.ns === CAC &&
        tt.parent === this.ix.root,
    };
  }

  /** Sum of root-level line net amounts for lines with a category `id` (BR-x-08, exact form). */
  lineSum(kind: LineKind, id: string): Dec {
    return this.lineSums[kind].total(id, '');
  }

  /** Sum of root-level allowance or charge amounts with a category `id`. */
  acSum(charge: boolean, id: string): Dec {
    return this.acSums[charge ? 'charge' : 'allowance'].total(id, '');
  }

  /** Same sums restricted to a rate given in canonical form (BR-S/AF/AG-08). */
  lineRateSum(kind: LineKind, id: string, rate: string): Dec {
    if (this.rateErrors[kind].has(id)) throw new CastError('Percent', 'xs:decimal');
    return this.lineSums[kind].total(id, rate);
  }

  acRateSum(charge: boolean, id: string, rate: string): Dec {
    if (this.rateErrors.ac.has(id)) throw new CastError('Percent', 'xs:decimal');
    return this.acSums[charge ? 'charge' : 'allowance'].total(id, rate);
  }

  /** `exists(//cac:InvoiceLine[category id][rate])` (any depth). */
  lineWithRateExists(kind: LineKind, id: string, rate: string): boolean {
    return this.lineRateExists[kind].get(id)?.has(rate) === true;
  }

  /** `exists(//cac:AllowanceCharge[category id][rate])` (any depth, any indicator). */
  acWithRateExists(id: string, rate: string): boolean {
    return this.acRateExists.get(id)?.has(rate) === true;
  }

  /** Categories matching a filter. */
  count(pred: (c: CategoryRecord) => boolean): number {
    let n = 0;
    for (const c of this.categories) if (pred(c)) n++;
    return n;
  }

  some(pred: (c: CategoryRecord) => boolean): boolean {
    return this.categories.some(pred);
  }
}

function addRates(map: Map<string, Set<string>>, id: string, rates: readonly string[]): void {
  let set = map.get(id);
  if (!set) {
    set = new Set();
    map.set(id, set);
  }
  for (const r of rates) set.add(r);
}
