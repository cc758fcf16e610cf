import { CAC, type UblIndex, cacs, cbc, sel } from './ubl-index';
import { type CategoryRecord, type VatFacts, countNzId, hasRawId } from './vat-facts';
import { stringLength } from '../common/xpath.util';

type Pred = (c: CategoryRecord) => boolean;

/** Category `id` (normalize-space of the first cbc:ID) with or without the VAT scheme requirement. */
const cat = (id: string, vatOnly = true): Pred => (c) => c.id === id && (!vatOnly || c.vat);
/** `cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = id]`: any ID child, counted per ID. */
const anyIdCount = (c: CategoryRecord, id: string): number => (c.vat ? countNzId(c, id) : 0);

/**
 * Root-level VAT category rules (-01..-04 of each category, BR-IC-11/12, BR-O-11..14, BR-B-01/02):
 * a category used anywhere needs its breakdown, and the seller/buyer VAT identifiers it implies.
 */
export function vatPresenceRules(ix: UblIndex, f: VatFacts): void {
  if (!ix.isUblRoot) return;
  const r = ix.root;
  const sellerAny = f.supplierCompanyAny || f.taxRepVat;
  const sellerVat = f.supplierCompanyVat || f.taxRepVat;
  const buyerAeOk = f.customerVat || f.customerLegal;
  const ctc = (p: Pred) => f.some((c) => c.classified && p(c));
  const acCat = (charge: boolean, p: Pred) => f.some((c) => c.acCharge === charge && p(c));

  // -01 for AE, E, G, K, O, Z: a category used anywhere needs exactly one breakdown.
  for (const [code, prefix, label] of [
    ['AE', 'BR-AE', 'Reverse charge'],
    ['E', 'BR-E', 'Exempt from VAT'],
    ['G', 'BR-G', 'Export outside the EU'],
    ['K', 'BR-IC', 'Intra-community supply'],
    ['O', 'BR-O', 'Not subject to VAT'],
    ['Z', 'BR-Z', 'Zero rated'],
  ] as const) {
    const used = f.some((c) => anyIdCount(c, code) > 0);
    let inBreakdown = 0;
    for (const c of f.categories) if (c.rootSubtotal) inBreakdown += anyIdCount(c, code);
    ix.check(!used || inBreakdown === 1, `${prefix}-01`, r, `An invoice that contains an item, allowance or charge with VAT category "${label}" shall contain exactly one VAT breakdown (BG-23) with that category.`);
  }
  // -01 for L, M, S: used on an allowance, charge or line needs at least one breakdown, and vice versa.
  const presence = (prefix: string, label: string, usedCount: number, breakdownWhenUsed: number, breakdownWhenUnused: number) =>
    ix.check(
      (usedCount > 0 && breakdownWhenUsed > 0) || (usedCount === 0 && breakdownWhenUnused === 0),
      `${prefix}-01`,
      r,
      `An invoice that contains an item, allowance or charge with VAT category "${label}" shall contain at least one VAT breakdown (BG-23) with that category, and no such breakdown otherwise.`,
    );
  const used = (p: Pred) => f.count((c) => (c.underAllowanceCharge && !c.classified) || c.classified ? p(c) : false);
  const sub = (p: Pred) => f.count((c) => c.rootSubtotal && p(c));
  const rawIs = (id: string): Pred => (c) => hasRawId(c, id);
  presence('BR-AF', 'IGIC', used(cat('L')), sub(rawIs('L')), sub(cat('L')));
  presence('BR-AG', 'IPSI', used(cat('M')), sub((c) => rawIs('M')(c) && c.vat), sub(cat('M')));
  presence('BR-S', 'Standard rated', used(cat('S', false)), sub(cat('S', false)), sub(cat('S', false)));

  // -02 (lines), -03 (allowances), -04 (charges): the seller (and sometimes buyer) VAT identifiers.
  const parties = (prefix: string, label: string, code: string, sellerOk: boolean, extraOk = true, lineGuard?: Pred, chargeGuard?: Pred, allowanceGuard?: Pred) => {
    const ok = sellerOk && extraOk;
    const who = 'the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63)';
    ix.check(ok || !ctc(lineGuard ?? cat(code)), `${prefix}-02`, r, `An invoice with an item of VAT category "${label}" shall contain ${who}.`);
    ix.check(ok || !acCat(false, allowanceGuard ?? cat(code)), `${prefix}-03`, r, `An invoice with a document level allowance of VAT category "${label}" shall contain ${who}.`);
    ix.check(ok || !acCat(true, chargeGuard ?? cat(code)), `${prefix}-04`, r, `An invoice with a document level charge of VAT category "${label}" shall contain ${who}.`);
  };
  parties('BR-AE', 'Reverse charge', 'AE', sellerAny, buyerAeOk);
  parties('BR-E', 'Exempt from VAT', 'E', sellerAny);
  parties('BR-IC', 'Intra-community supply', 'K', sellerVat, f.customerVat);
  parties('BR-AF', 'IGIC', 'L', sellerAny, true, undefined, (c) => hasRawId(c, 'L') && c.vat);
  parties('BR-AG', 'IPSI', 'M', sellerAny);
  parties('BR-Z', 'Zero rated', 'Z', sellerAny);
  // BR-S-02 requires a VAT-scheme standard rated item for the seller test, but excuses only when no
  // standard rated item exists at all (whatever its scheme).
  ix.check((ctc(cat('S')) && sellerAny) || !ctc(cat('S', false)), 'BR-S-02', r, 'An invoice with an item of VAT category "Standard rated" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  ix.check(sellerAny || !acCat(false, cat('S')), 'BR-S-03', r, 'An invoice with a document level allowance of VAT category "Standard rated" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  ix.check(sellerAny || !acCat(true, cat('S')), 'BR-S-04', r, 'An invoice with a document level charge of VAT category "Standard rated" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  // BR-G-03/04: the seller test applies when an allowance/charge has category G in any scheme; the
  // rule is excused only when none has G in the VAT scheme.
  ix.check(sellerVat || !ctc(cat('G')), 'BR-G-02', r, 'An invoice with an item of VAT category "Export outside the EU" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  ix.check((acCat(false, cat('G', false)) && sellerVat) || !acCat(false, cat('G')), 'BR-G-03', r, 'An invoice with a document level allowance of VAT category "Export outside the EU" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  ix.check((acCat(true, cat('G', false)) && sellerVat) || !acCat(true, cat('G')), 'BR-G-04', r, 'An invoice with a document level charge of VAT category "Export outside the EU" shall contain the seller VAT identifier (BT-31) or tax representative VAT identifier (BT-63).');
  // BR-O-02..04: "not subject to VAT" forbids every VAT identifier.
  const noVatIds = !f.supplierCompanyVat && !f.taxRepVat && !f.customerVat;
  const noIds = 'shall not contain the seller VAT identifier (BT-31), the tax representative VAT identifier (BT-63) or the buyer VAT identifier (BT-48)';
  ix.check(noVatIds || !ctc(cat('O')), 'BR-O-02', r, `An invoice with an item of VAT category "Not subject to VAT" ${noIds}.`);
  ix.check(noVatIds || !f.some((c) => c.rootAllowanceCharge && c.acCharge === false && cat('O')(c)), 'BR-O-03', r, `An invoice with a document level allowance of VAT category "Not subject to VAT" ${noIds}.`);
  ix.check(noVatIds || !f.some((c) => c.rootAllowanceCharge && c.acCharge === true && cat('O')(c)), 'BR-O-04', r, `An invoice with a document level charge of VAT category "Not subject to VAT" ${noIds}.`);

  const breakdownHas = (id: string) => f.some((c) => c.rootSubtotal && anyIdCount(c, id) > 0);
  // BR-O-11..14: a "not subject to VAT" breakdown excludes every other VAT category.
  if (breakdownHas('O')) {
    const other: Pred = (c) => c.vat && c.id !== 'O';
    ix.check(!f.some((c) => c.rootSubtotal && other(c)), 'BR-O-11', r, 'An invoice with a VAT breakdown of category "Not subject to VAT" shall not contain other VAT breakdown groups (BG-23).');
    ix.check(!f.some((c) => c.classified && other(c)), 'BR-O-12', r, 'An invoice with a VAT breakdown of category "Not subject to VAT" shall not contain an invoice line with another invoiced item VAT category code (BT-151).');
    ix.check(!f.some((c) => c.acCharge === false && other(c)), 'BR-O-13', r, 'An invoice with a VAT breakdown of category "Not subject to VAT" shall not contain document level allowances with another VAT category code (BT-95).');
    ix.check(!f.some((c) => c.acCharge === true && other(c)), 'BR-O-14', r, 'An invoice with a VAT breakdown of category "Not subject to VAT" shall not contain document level charges with another VAT category code (BT-102).');
  }
  // BR-IC-11/12: an intra-community supply needs the delivery date or invoicing period, and the deliver-to country.
  if (breakdownHas('K')) {
    const delivery = cacs(r, 'Delivery');
    const dateLen = stringLength(cbc(delivery[0], 'ActualDeliveryDate')?.text ?? '');
    const period = cacs(r, 'InvoicePeriod').some((p) => p.children.length > 0);
    ix.check(dateLen > 1 || period, 'BR-IC-11', r, 'In an invoice with a VAT breakdown of category "Intra-community supply" the actual delivery date (BT-72) or the invoicing period (BG-14) shall not be blank.');
    const country = sel(delivery[0], 'cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode')[0];
    ix.check(stringLength(country?.text ?? '') > 1, 'BR-IC-12', r, 'In an invoice with a VAT breakdown of category "Intra-community supply" the deliver to country code (BT-80) shall not be blank.');
  }
  splitPaymentRules(ix, f);
}

/** BR-B-01/02: split payment (category B) is Italian-only and excludes standard rated. */
function splitPaymentRules(ix: UblIndex, f: VatFacts): void {
  const r = ix.root;
  const hasB = f.some((c) => hasRawId(c, 'B'));
  if (hasB) {
    const nonItalian = ix.named('cbc:IdentificationCode').some((e) => e.text !== 'IT');
    ix.check(!nonItalian, 'BR-B-01', r, 'An invoice where the VAT category code is "Split payment" shall be a domestic Italian invoice.');
  }
  const used = (id: string) =>
    f.some((c) => hasRawId(c, id) && (c.rootSubtotal || c.classified || (c.rootAllowanceCharge && c.el.parent?.ns === CAC)));
  ix.check(!(used('B') && used('S')), 'BR-B-02', r, 'An invoice that contains an item, allowance or charge where the VAT category code is "Split payment" shall not contain one where it is "Standard rated".');
}
