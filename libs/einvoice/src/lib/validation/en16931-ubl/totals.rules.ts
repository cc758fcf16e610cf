import type { XmlElement } from '../../xml/xml-node';
import { type Dec, ZERO, round2, xpathRound } from '../common/decimal.util';
import { DecimalSum } from '../common/decimal-sum.util';
import { decimalsAfterPoint, xsDouble } from '../common/xpath.util';
import { VAT_ID_PREFIXES } from '../common/code-lists';
import { CAC, CBC, type UblIndex, attr, cacs, cbc, cbcs, chargeIndicatorIs, isVatScheme, nz } from './ubl-index';
import { CastError, decEq, xd, xdReq } from './xpath-values';

/** `string-length(substring-after(el, '.')) <= 2` for an optional element. */
function twoDecimals(el: XmlElement | undefined): boolean {
  return el === undefined || decimalsAfterPoint(el.text) <= 2;
}

/** Sum of `xs:decimal(cbc:<local>)` over elements (absent values contribute nothing); CastError when one is invalid. */
function sumOf(els: readonly XmlElement[], local: string): Dec {
  const sum = new DecimalSum();
  for (const e of els) {
    for (const c of e.children) {
      if (c.local === local && c.ns === CBC && !sum.add(c.text)) throw new CastError(c.text, 'xs:decimal');
    }
  }
  return sum.value();
}

/** BR-12..BR-15, BR-CO-10..13, BR-CO-16, BR-DEC-09..18 on each `cac:LegalMonetaryTotal`. */
export function monetaryTotalRules(ix: UblIndex): void {
  const lmts = ix.named('cac:LegalMonetaryTotal');
  if (lmts.length === 0) return;
  const allLines = [...ix.named('cac:InvoiceLine'), ...ix.named('cac:CreditNoteLine')];
  for (const m of lmts) {
    const line = cbc(m, 'LineExtensionAmount');
    const excl = cbc(m, 'TaxExclusiveAmount');
    const incl = cbc(m, 'TaxInclusiveAmount');
    const allowance = cbc(m, 'AllowanceTotalAmount');
    const charge = cbc(m, 'ChargeTotalAmount');
    const prepaid = cbc(m, 'PrepaidAmount');
    const rounding = cbc(m, 'PayableRoundingAmount');
    const payable = cbc(m, 'PayableAmount');
    ix.check(line !== undefined, 'BR-12', m, 'An invoice shall have the sum of invoice line net amount (BT-106).');
    ix.check(excl !== undefined, 'BR-13', m, 'An invoice shall have the invoice total amount without VAT (BT-109).');
    ix.check(incl !== undefined, 'BR-14', m, 'An invoice shall have the invoice total amount with VAT (BT-112).');
    ix.check(payable !== undefined, 'BR-15', m, 'An invoice shall have the amount due for payment (BT-115).');
    ix.test('BR-CO-10', m, 'Sum of invoice line net amount (BT-106) = sum of invoice line net amounts (BT-131).', () =>
      decEq(xd(line), round2(sumOf(allLines, 'LineExtensionAmount'))),
    );
    const acs = m.parent ? cacs(m.parent, 'AllowanceCharge') : [];
    const allowances = acs.filter((a) => chargeIndicatorIs(a, false));
    const charges = acs.filter((a) => chargeIndicatorIs(a, true));
    ix.test('BR-CO-11', m, 'Sum of allowances on document level (BT-107) = sum of document level allowance amounts (BT-92).', () =>
      decEq(xd(allowance), round2(sumOf(allowances, 'Amount'))) || (!allowance && allowances.length === 0),
    );
    ix.test('BR-CO-12', m, 'Sum of charges on document level (BT-108) = sum of document level charge amounts (BT-99).', () =>
      decEq(xd(charge), round2(sumOf(charges, 'Amount'))) || (!charge && charges.length === 0),
    );
    ix.test('BR-CO-13', m, 'Invoice total amount without VAT (BT-109) = sum of invoice line net amount (BT-106) - sum of allowances (BT-107) + sum of charges (BT-108).', () => {
      const l = xd(line);
      if (!charge && !allowance) return decEq(xd(excl), l);
      const c = charge ? xd(charge) : ZERO;
      const a = allowance ? xd(allowance) : ZERO;
      if (l === undefined || c === undefined || a === undefined) return false;
      return decEq(xd(excl), round2(l.plus(c).minus(a)));
    });
    ix.test('BR-CO-16', m, 'Amount due for payment (BT-115) = invoice total amount with VAT (BT-112) - paid amount (BT-113) + rounding amount (BT-114).', () => {
      const inc = xd(incl);
      const pay = xd(payable);
      const expected = prepaid ? minus2(inc, xd(prepaid)) : inc;
      const actual = rounding ? minus2(pay, xd(rounding)) : pay;
      return decEq(actual, expected);
    });
    const dec: [string, XmlElement | undefined, string][] = [
      ['BR-DEC-09', line, 'sum of invoice line net amount (BT-106)'],
      ['BR-DEC-10', allowance, 'sum of allowances on document level (BT-107)'],
      ['BR-DEC-11', charge, 'sum of charges on document level (BT-108)'],
      ['BR-DEC-12', excl, 'invoice total amount without VAT (BT-109)'],
      ['BR-DEC-14', incl, 'invoice total amount with VAT (BT-112)'],
      ['BR-DEC-16', prepaid, 'paid amount (BT-113)'],
      ['BR-DEC-17', rounding, 'rounding amount (BT-114)'],
      ['BR-DEC-18', payable, 'amount due for payment (BT-115)'],
    ];
    for (const [rule, el, what] of dec) ix.check(twoDecimals(el), rule, m, `The allowed maximum number of decimals for the ${what} is 2.`);
  }
}

/** `round((a - b) * 100) div 100`, empty when an operand is empty. */
function minus2(a: Dec | undefined, b: Dec | undefined): Dec | undefined {
  return a === undefined || b === undefined ? undefined : round2(a.minus(b));
}

/** BR-CO-15 on the root, BR-CO-14 on root-level `cac:TaxTotal`, BR-45..48, BR-CO-17, BR-DEC-19/20 on subtotals. */
export function taxTotalRules(ix: UblIndex): void {
  const r = ix.root;
  if (ix.isUblRoot) {
    ix.test('BR-CO-15', r, 'Invoice total amount with VAT (BT-112) = invoice total amount without VAT (BT-109) + invoice total VAT amount (BT-110).', () => {
      for (const cur of cbcs(r, 'DocumentCurrencyCode')) {
        const amounts: XmlElement[] = [];
        for (const tt of cacs(r, 'TaxTotal')) for (const ta of cbcs(tt, 'TaxAmount')) if (attr(ta, 'currencyID') === cur.text) amounts.push(ta);
        if (amounts.length !== 1) return false;
        const lmts = cacs(r, 'LegalMonetaryTotal');
        const incl = lmts.flatMap((m) => cbcs(m, 'TaxInclusiveAmount'));
        const excl = lmts.flatMap((m) => cbcs(m, 'TaxExclusiveAmount'));
        // Arithmetic on an empty sequence is empty, on two values a type error: both fail the comparison.
        if (excl.length !== 1) return false;
        const expected = round2(xdReq(excl[0] as XmlElement).plus(xdReq(amounts[0] as XmlElement)));
        if (!incl.some((i) => xdReq(i).eq(expected))) return false;
      }
      return true;
    });
    for (const tt of cacs(r, 'TaxTotal')) {
      const subs = cacs(tt, 'TaxSubtotal');
      ix.test('BR-CO-14', tt, 'Invoice total VAT amount (BT-110) = sum of VAT category tax amounts (BT-117).', () => {
        if (subs.length === 0) return true;
        const amounts = cbcs(tt, 'TaxAmount');
        // xs:decimal() of a sequence of two is an XPath type error.
        return amounts.length === 1 && xdReq(amounts[0] as XmlElement).eq(round2(sumOf(subs, 'TaxAmount')));
      });
    }
  }
  for (const st of ix.named('cac:TaxSubtotal')) {
    if (!st.parent || st.parent.local !== 'TaxTotal' || st.parent.ns !== CAC) continue;
    subtotalRules(ix, st);
  }
  for (const pts of ix.named('cac:PartyTaxScheme')) {
    if (!isVatScheme(pts)) continue;
    // contains(' AD AE ... ', substring(cbc:CompanyID, 1, 2)): a raw substring test, so '' passes.
    const prefix = [...(cbc(pts, 'CompanyID')?.text ?? '')].slice(0, 2).join('');
    ix.check(VAT_ID_PREFIXES.containsText(prefix), 'BR-CO-09', pts, 'The VAT identifiers (BT-31, BT-48, BT-63) shall have a prefix in accordance with ISO 3166-1 alpha-2 (EL for Greece).');
  }
}

function subtotalRules(ix: UblIndex, st: XmlElement): void {
  const vatCats = cacs(st, 'TaxCategory').filter(isVatScheme);
  const taxable = cbc(st, 'TaxableAmount');
  const tax = cbc(st, 'TaxAmount');
  ix.check(taxable !== undefined, 'BR-45', st, 'Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).');
  ix.check(tax !== undefined, 'BR-46', st, 'Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).');
  ix.check(vatCats.some((c) => cbc(c, 'ID') !== undefined), 'BR-47', st, 'Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).');
  ix.check(
    vatCats.some((c) => cbc(c, 'Percent') !== undefined) || vatCats.some((c) => nz(cbc(c, 'ID')) === 'O'),
    'BR-48',
    st,
    'Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the invoice is not subject to VAT.',
  );
  ix.test('BR-CO-17', st, 'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.', () => {
    const percents = vatCats.flatMap((c) => cbcs(c, 'Percent'));
    const taxV = xd(tax);
    const roundedTaxIsZero = taxV !== undefined && xpathRound(taxV).isZero();
    if (percents.length === 0) return roundedTaxIsZero;
    if (percents.length > 1) return false; // round() of a sequence: XPath type error
    const pct = xdReq(percents[0] as XmlElement);
    if (xpathRound(pct).isZero()) return roundedTaxIsZero;
    const base = xd(taxable);
    if (taxV === undefined || base === undefined) return false;
    const expected = round2(base.abs().times(pct.div(100)));
    const abs = taxV.abs();
    return abs.minus(1).lt(expected) && abs.plus(1).gt(expected);
  });
  ix.check(twoDecimals(taxable), 'BR-DEC-19', st, 'The allowed maximum number of decimals for the VAT category taxable amount (BT-116) is 2.');
  ix.check(twoDecimals(tax), 'BR-DEC-20', st, 'The allowed maximum number of decimals for the VAT category tax amount (BT-117) is 2.');
}


/** Document-level allowances (BR-31..33, BR-CO-21, BR-DEC-01/02) and charges (BR-36..38, BR-CO-22, BR-DEC-05/06). */
export function documentAllowanceChargeRules(ix: UblIndex): void {
  if (!ix.isUblRoot) return;
  for (const ac of cacs(ix.root, 'AllowanceCharge')) {
    const hasVatCat = cacs(ac, 'TaxCategory').some((c) => isVatScheme(c) && cbc(c, 'ID') !== undefined);
    const hasReason = cbc(ac, 'AllowanceChargeReason') !== undefined || cbc(ac, 'AllowanceChargeReasonCode') !== undefined;
    const amount = cbc(ac, 'Amount');
    const base = cbc(ac, 'BaseAmount');
    if (chargeIndicatorIs(ac, false)) {
      ix.check(amount !== undefined, 'BR-31', ac, 'Each document level allowance (BG-20) shall have a document level allowance amount (BT-92).');
      ix.check(hasVatCat, 'BR-32', ac, 'Each document level allowance (BG-20) shall have a document level allowance VAT category code (BT-95).');
      ix.check(hasReason, 'BR-33', ac, 'Each document level allowance (BG-20) shall have an allowance reason (BT-97) or reason code (BT-98).');
      ix.check(hasReason, 'BR-CO-21', ac, 'Each document level allowance (BG-20) shall contain an allowance reason (BT-97) or reason code (BT-98), or both.');
      ix.check(twoDecimals(amount), 'BR-DEC-01', ac, 'The allowed maximum number of decimals for the document level allowance amount (BT-92) is 2.');
      ix.check(twoDecimals(base), 'BR-DEC-02', ac, 'The allowed maximum number of decimals for the document level allowance base amount (BT-93) is 2.');
    }
    if (chargeIndicatorIs(ac, true)) {
      ix.check(amount !== undefined, 'BR-36', ac, 'Each document level charge (BG-21) shall have a document level charge amount (BT-99).');
      ix.check(hasVatCat, 'BR-37', ac, 'Each document level charge (BG-21) shall have a document level charge VAT category code (BT-102).');
      ix.check(hasReason, 'BR-38', ac, 'Each document level charge (BG-21) shall have a charge reason (BT-104) or reason code (BT-105).');
      ix.check(hasReason, 'BR-CO-22', ac, 'Each document level charge (BG-21) shall contain a charge reason (BT-104) or reason code (BT-105), or both.');
      ix.check(twoDecimals(amount), 'BR-DEC-05', ac, 'The allowed maximum number of decimals for the document level charge amount (BT-99) is 2.');
      ix.check(twoDecimals(base), 'BR-DEC-06', ac, 'The allowed maximum number of decimals for the document level charge base amount (BT-100) is 2.');
    }
  }
}

/** Invoice line rules BR-21..28, BR-CO-04, BR-DEC-23 and the line allowance/charge rules. */
export function lineRules(ix: UblIndex): void {
  for (const kind of ['cac:InvoiceLine', 'cac:CreditNoteLine']) {
    for (const line of ix.named(kind)) oneLine(ix, line);
  }
}

/** One pass over the line's children gathers what the line rules test (lines are the bulk of a document). */
function oneLine(ix: UblIndex, line: XmlElement): void {
  let id: XmlElement | undefined;
  let amount: XmlElement | undefined;
  let hasQuantity = false;
  let hasUnit = false;
  let itemName: XmlElement | undefined;
  let vatCategory = false;
  const priceAmounts: XmlElement[] = [];
  const bases: XmlElement[] = [];
  for (const c of line.children) {
    if (c.ns === CBC) {
      if (c.local === 'ID') id ??= c;
      else if (c.local === 'LineExtensionAmount') amount ??= c;
      else if (c.local === 'InvoicedQuantity' || c.local === 'CreditedQuantity') {
        hasQuantity = true;
        if (attr(c, 'unitCode') !== undefined) hasUnit = true;
      }
    } else if (c.ns === CAC) {
      if (c.local === 'Item') {
        for (const i of c.children) {
          if (i.local === 'Name' && i.ns === CBC) itemName ??= i;
          else if (i.local === 'ClassifiedTaxCategory' && i.ns === CAC && !vatCategory) vatCategory = cbc(i, 'ID') !== undefined && isVatScheme(i);
        }
      } else if (c.local === 'Price') {
        for (const p of c.children) {
          if (p.local === 'PriceAmount' && p.ns === CBC) priceAmounts.push(p);
          else if (p.local === 'AllowanceCharge' && p.ns === CAC) for (const b of cbcs(p, 'BaseAmount')) bases.push(b);
        }
      } else if (c.local === 'AllowanceCharge') {
        lineAllowanceChargeRules(ix, c);
      }
    }
  }
  ix.check(nz(id) !== '', 'BR-21', line, 'Each invoice line (BG-25) shall have an invoice line identifier (BT-126).');
  ix.check(hasQuantity, 'BR-22', line, 'Each invoice line (BG-25) shall have an invoiced quantity (BT-129).');
  ix.check(hasUnit, 'BR-23', line, 'An invoice line (BG-25) shall have an invoiced quantity unit of measure code (BT-130).');
  ix.check(amount !== undefined, 'BR-24', line, 'Each invoice line (BG-25) shall have an invoice line net amount (BT-131).');
  ix.check(nz(itemName) !== '', 'BR-25', line, 'Each invoice line (BG-25) shall contain the item name (BT-153).');
  ix.check(priceAmounts.length > 0, 'BR-26', line, 'Each invoice line (BG-25) shall contain the item net price (BT-146).');
  ix.check(nonNegative(priceAmounts) === true, 'BR-27', line, 'The item net price (BT-146) shall not be negative.');
  ix.check(bases.length === 0 || nonNegative(bases) === true, 'BR-28', line, 'The item gross price (BT-148) shall not be negative.');
  ix.check(vatCategory, 'BR-CO-04', line, 'Each invoice line (BG-25) shall be categorized with an invoiced item VAT category code (BT-151).');
  ix.check(twoDecimals(amount), 'BR-DEC-23', line, 'The allowed maximum number of decimals for the invoice line net amount (BT-131) is 2.');
}

/** `(nodes) >= 0` as a general comparison in xs:double; undefined where a value cannot be cast (error). */
function nonNegative(nodes: readonly XmlElement[]): boolean | undefined {
  for (const n of nodes) {
    const v = xsDouble(n.text);
    if (v === undefined) return undefined;
    if (v >= 0) return true;
  }
  return false;
}

function lineAllowanceChargeRules(ix: UblIndex, ac: XmlElement): void {
  const hasReason = cbc(ac, 'AllowanceChargeReason') !== undefined || cbc(ac, 'AllowanceChargeReasonCode') !== undefined;
  const amount = cbc(ac, 'Amount');
  const base = cbc(ac, 'BaseAmount');
  if (chargeIndicatorIs(ac, false)) {
    ix.check(amount !== undefined, 'BR-41', ac, 'Each invoice line allowance (BG-27) shall have an invoice line allowance amount (BT-136).');
    ix.check(hasReason, 'BR-42', ac, 'Each invoice line allowance (BG-27) shall have an allowance reason (BT-139) or reason code (BT-140).');
    ix.check(hasReason, 'BR-CO-23', ac, 'Each invoice line allowance (BG-27) shall contain an allowance reason (BT-139) or reason code (BT-140), or both.');
    ix.check(twoDecimals(amount), 'BR-DEC-24', ac, 'The allowed maximum number of decimals for the invoice line allowance amount (BT-136) is 2.');
    ix.check(twoDecimals(base), 'BR-DEC-25', ac, 'The allowed maximum number of decimals for the invoice line allowance base amount (BT-137) is 2.');
  }
  if (chargeIndicatorIs(ac, true)) {
    ix.check(amount !== undefined, 'BR-43', ac, 'Each invoice line charge (BG-28) shall have an invoice line charge amount (BT-141).');
    ix.check(hasReason, 'BR-44', ac, 'Each invoice line charge (BG-28) shall have a charge reason (BT-144) or reason code (BT-145).');
    ix.check(hasReason, 'BR-CO-24', ac, 'Each invoice line charge (BG-28) shall contain a charge reason (BT-144) or reason code (BT-145), or both.');
    ix.check(twoDecimals(amount), 'BR-DEC-27', ac, 'The allowed maximum number of decimals for the invoice line charge amount (BT-141) is 2.');
    ix.check(twoDecimals(base), 'BR-DEC-28', ac, 'The allowed maximum number of decimals for the invoice line charge base amount (BT-142) is 2.');
  }
}
