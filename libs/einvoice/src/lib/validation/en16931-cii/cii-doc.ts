import type { XmlElement } from '../../xml/xml-node';
import {
  RAM,
  RSM,
  anyEq,
  at,
  has,
  is,
  kids,
  path,
  sel,
  XPathError,
} from './cii-xpath.util';

const EMPTY: readonly XmlElement[] = [];

const P_SELLER_TAX_ID = path(
  'ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID',
);
const P_REP_TAX_ID = path(
  'ram:ApplicableHeaderTradeAgreement/ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID',
);
const P_TAX_ID = path('ram:SpecifiedTaxRegistration/ram:ID');
const P_LEGAL_ID = path('ram:SpecifiedLegalOrganization/ram:ID');
const P_BILLED_QTY = path('ram:SpecifiedLineTradeDelivery/ram:BilledQuantity');

function schemeIn(
  ids: readonly XmlElement[],
  schemes: readonly string[],
): boolean {
  return ids.some((id) => {
    const s = at(id, 'schemeID');
    return s !== undefined && schemes.includes(s);
  });
}

const VA = ['VA'];
const VA_FC = ['VA', 'FC'];

/** Pass flags of a `ram:` element name, see {@link CiiDoc}. */
export const PASS_MODEL = 1;
export const PASS_SYNTAX = 2;
export const PASS_CODES = 4;
/** The element is indexed for `//ram:X` queries ({@link INDEXED_NAMES}). */
export const PASS_INDEX = 8;

/** `ram:` names the rules query document-wide (`//ram:X`): indexed while walking the tree. */
export const INDEXED_NAMES: ReadonlySet<string> = new Set([
  'IncludedSupplyChainTradeLineItem',
  'CategoryCode',
  'CountryID',
  'ApplicableTradeTax',
  'CategoryTradeTax',
  'TaxPointDate',
  'DueDateTypeCode',
  'SellerTradeParty',
  'BuyerTradeParty',
  'SellerTaxRepresentativeTradeParty',
  'SpecifiedTradeSettlementPaymentMeans',
  'PaymentReference',
]);

/**
 * A keyed load with a document's namespace URI makes V8 replace that string by the interned
 * constant it equals (the parser hands out its own copy per document), so the rules' many
 * namespace comparisons become pointer comparisons: about a third of the run time on large
 * invoices. Semantically a no-op; loads never add keys.
 */
const NS_PROBE: Readonly<Record<string, unknown>> = Object.create(
  null,
) as Record<string, unknown>;

/**
 * A CII document indexed in one walk: the `ram:` elements each rule pattern looks at (document
 * order), the other elements, elements by name for the rules' `//ram:X` queries, the header
 * nodes reached by absolute paths, and document-wide facts computed on first use. Nothing
 * above `root` is ever looked at.
 */
export class CiiDoc {
  /** `ram:` elements per pass (model, syntax, code lists), document order. */
  readonly forModel: XmlElement[] = [];
  readonly forSyntax: XmlElement[] = [];
  readonly forCodes: XmlElement[] = [];
  /** Elements outside the ram namespace (root, rsm, udt, foreign), document order. */
  readonly other: XmlElement[] = [];
  /** `/rsm:CrossIndustryInvoice` matches: the root is a CII document element. */
  readonly isCii: boolean;
  /** `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction`. */
  readonly tx: readonly XmlElement[];
  readonly agreement: readonly XmlElement[];
  readonly delivery: readonly XmlElement[];
  readonly settlement: readonly XmlElement[];
  /** `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem`. */
  readonly lines: readonly XmlElement[];
  private readonly lineSet: ReadonlySet<XmlElement>;
  private readonly byName = new Map<string, XmlElement[]>();
  private readonly memo = new Map<string, unknown>();

  /** `passesOf(local)` tells which passes a `ram:` element name takes part in (PASS_* flags, PASS_INDEX for {@link INDEXED_NAMES}). */
  constructor(
    readonly root: XmlElement,
    passesOf: (local: string) => number,
  ) {
    const stack: XmlElement[] = [root];
    let prevNs: string | undefined;
    while (stack.length > 0) {
      const el = stack.pop() as XmlElement;
      const local = el.local;
      if (el.ns !== prevNs) {
        prevNs = el.ns;
        void NS_PROBE[prevNs];
      }
      if (el.ns === RAM) {
        const passes = passesOf(local);
        if (passes & PASS_MODEL) this.forModel.push(el);
        if (passes & PASS_SYNTAX) this.forSyntax.push(el);
        if (passes & PASS_CODES) this.forCodes.push(el);
        if (passes & PASS_INDEX) {
          const list = this.byName.get(local);
          if (list) list.push(el);
          else this.byName.set(local, [el]);
        }
      } else this.other.push(el);
      const ch = el.children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i] as XmlElement);
    }
    this.isCii = is(root, RSM, 'CrossIndustryInvoice');
    this.tx = this.isCii
      ? kids(root, RSM, 'SupplyChainTradeTransaction')
      : EMPTY;
    this.agreement = sel(this.tx, path('ram:ApplicableHeaderTradeAgreement'));
    this.delivery = sel(this.tx, path('ram:ApplicableHeaderTradeDelivery'));
    this.settlement = sel(this.tx, path('ram:ApplicableHeaderTradeSettlement'));
    this.lines = sel(this.tx, path('ram:IncludedSupplyChainTradeLineItem'));
    this.lineSet = new Set(this.lines);
  }

  /** `//ram:local`, document order; only for the indexed names. */
  ram(local: string): readonly XmlElement[] {
    if (!INDEXED_NAMES.has(local))
      throw new Error(`ram:${local} is not indexed`);
    return this.byName.get(local) ?? EMPTY;
  }

  /**
   * Memoised value that may raise an XPath error (a sum over the document, say): computed once,
   * per document and `owner`, then returned or re-raised on every read, so rules that evaluate
   * the same expression from many contexts stay linear.
   */
  shared<T>(key: string, owner: XmlElement | undefined, compute: () => T): T {
    const byOwner = this.fact(
      `shared:${key}`,
      () =>
        new Map<XmlElement | undefined, { value: T } | { error: XPathError }>(),
    );
    let entry = byOwner.get(owner);
    if (!entry) {
      try {
        entry = { value: compute() };
      } catch (e) {
        if (!(e instanceof XPathError)) throw e;
        entry = { error: e };
      }
      byOwner.set(owner, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.value;
  }

  /** Memoised document-wide fact. */
  fact<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    this.memo.set(key, v);
    return v;
  }

  // ---- absolute positions --------------------------------------------------------------

  /** `el` is `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction`. */
  isTx(el: XmlElement | undefined): boolean {
    return (
      this.isCii &&
      is(el, RSM, 'SupplyChainTradeTransaction') &&
      el.parent === this.root &&
      el !== this.root
    );
  }

  /** `el` is `ram:local` directly under the absolute transaction. */
  isTxChild(el: XmlElement | undefined, local: string): boolean {
    return is(el, RAM, local) && this.isTx(el.parent);
  }

  /** `el` is `ram:local` directly under an absolute line item. */
  isLineChild(el: XmlElement | undefined, local: string): boolean {
    return (
      el !== undefined &&
      el.local === local &&
      el.ns === RAM &&
      el.parent !== undefined &&
      this.lineSet.has(el.parent)
    );
  }

  /** `el` is `rsm:local` directly under the CII root. */
  isRootChild(el: XmlElement | undefined, local: string): boolean {
    return (
      this.isCii &&
      is(el, RSM, local) &&
      el.parent === this.root &&
      el !== this.root
    );
  }

  // ---- facts ---------------------------------------------------------------------------

  /** Values of `/rsm:CrossIndustryInvoice/.../ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode`. */
  get invoiceCurrency(): readonly XmlElement[] {
    return this.fact('invCur', () =>
      sel(this.settlement, path('ram:InvoiceCurrencyCode')),
    );
  }

  /** Values of the absolute `ram:TaxCurrencyCode`. */
  get taxCurrency(): readonly XmlElement[] {
    return this.fact('taxCur', () =>
      sel(this.settlement, path('ram:TaxCurrencyCode')),
    );
  }

  /**
   * `/rsm:.../ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = ('VA', 'FC')] or
   * /rsm:.../ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']`.
   */
  get sellerVatOrTaxAbs(): boolean {
    return this.fact(
      'sVFabs',
      () =>
        schemeIn(sel(this.tx, P_SELLER_TAX_ID), VA_FC) ||
        schemeIn(sel(this.tx, P_REP_TAX_ID), VA),
    );
  }

  /** Absolute seller or tax representative VAT identifier (`@schemeID = 'VA'`), the O rules. */
  get sellerOrRepVatAbs(): boolean {
    return this.fact(
      'sVabs',
      () =>
        schemeIn(sel(this.tx, P_SELLER_TAX_ID), VA) ||
        schemeIn(sel(this.tx, P_REP_TAX_ID), VA),
    );
  }

  /** `//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = schemes]`. */
  sellerTaxIdAny(schemes: 'VA' | 'VA,FC'): boolean {
    return this.fact(`sAny${schemes}`, () =>
      this.ram('SellerTradeParty').some((p) =>
        schemeIn(sel(p, P_TAX_ID), schemes === 'VA' ? VA : VA_FC),
      ),
    );
  }

  /** `//ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']`. */
  get repVatAny(): boolean {
    return this.fact('rAny', () =>
      this.ram('SellerTaxRepresentativeTradeParty').some((p) =>
        schemeIn(sel(p, P_TAX_ID), VA),
      ),
    );
  }

  /** `//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']`. */
  get buyerVatAny(): boolean {
    return this.fact('bAny', () =>
      this.ram('BuyerTradeParty').some((p) => schemeIn(sel(p, P_TAX_ID), VA)),
    );
  }

  /** `//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID`. */
  get buyerLegalIdAny(): boolean {
    return this.fact('bLegal', () =>
      this.ram('BuyerTradeParty').some((p) => has(p, P_LEGAL_ID)),
    );
  }

  /**
   * Counts for the "-01" rules of a VAT category: `//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[ram:CategoryCode=c]`,
   * `//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax[...]` and `//ram:CategoryTradeTax[...]`.
   */
  categoryCounts(code: string): {
    header: number;
    line: number;
    allowanceCharge: number;
  } {
    const all = this.fact('catCounts', () => {
      const m = new Map<
        string,
        { header: number; line: number; allowanceCharge: number }
      >();
      const bump = (
        tax: XmlElement,
        key: 'header' | 'line' | 'allowanceCharge',
      ): void => {
        const seen = new Set<string>();
        for (const cc of kids(tax, RAM, 'CategoryCode')) {
          if (seen.has(cc.text)) continue;
          seen.add(cc.text);
          let c = m.get(cc.text);
          if (!c)
            m.set(cc.text, (c = { header: 0, line: 0, allowanceCharge: 0 }));
          c[key]++;
        }
      };
      for (const t of this.ram('ApplicableTradeTax')) {
        if (is(t.parent, RAM, 'ApplicableHeaderTradeSettlement'))
          bump(t, 'header');
        else if (is(t.parent, RAM, 'SpecifiedLineTradeSettlement'))
          bump(t, 'line');
      }
      for (const t of this.ram('CategoryTradeTax')) bump(t, 'allowanceCharge');
      return m;
    });
    return all.get(code) ?? { header: 0, line: 0, allowanceCharge: 0 };
  }

  /** `//ram:CategoryCode = value` (any category code anywhere). */
  anyCategoryCode(value: string): boolean {
    return this.fact(`anyCC${value}`, () =>
      anyEq(this.ram('CategoryCode'), value),
    );
  }

  /** Some `/rsm:.../ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity` has `@unitCode`. */
  get billedUnitCodeAny(): boolean {
    return this.fact('billedUnit', () =>
      sel(this.lines, P_BILLED_QTY).some(
        (q) => at(q, 'unitCode') !== undefined,
      ),
    );
  }
}
