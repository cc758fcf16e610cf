import type { XmlElement } from '../../xml/xml-node';
import { stringLength } from '../common/xpath.util';
import { CAC, type UblIndex, attr, cac, cacs, cbc, cbcs, isVatScheme, nz, sel, sel1 } from './ubl-index';
import { xdate } from './xpath-values';

/** BR-01..BR-16, BR-53, BR-CO-03, BR-CO-18 and BR-DEC-13/15 on the invoice or credit note root. */
export function rootCoreRules(ix: UblIndex): void {
  if (!ix.isUblRoot) return;
  const r = ix.root;
  const supplier = sel1(r, 'cac:AccountingSupplierParty/cac:Party');
  const customer = sel1(r, 'cac:AccountingCustomerParty/cac:Party');
  ix.check(nz(cbc(r, 'CustomizationID')) !== '', 'BR-01', r, 'An invoice shall have a specification identifier (BT-24).');
  ix.check(nz(cbc(r, 'ID')) !== '', 'BR-02', r, 'An invoice shall have an invoice number (BT-1).');
  ix.check(nz(cbc(r, 'IssueDate')) !== '', 'BR-03', r, 'An invoice shall have an issue date (BT-2).');
  ix.check(
    nz(cbc(r, 'InvoiceTypeCode')) !== '' || nz(cbc(r, 'CreditNoteTypeCode')) !== '',
    'BR-04',
    r,
    'An invoice shall have an invoice type code (BT-3).',
  );
  ix.check(nz(cbc(r, 'DocumentCurrencyCode')) !== '', 'BR-05', r, 'An invoice shall have an invoice currency code (BT-5).');
  ix.check(
    nz(sel1(supplier, 'cac:PartyLegalEntity/cbc:RegistrationName')) !== '',
    'BR-06',
    r,
    'An invoice shall contain the seller name (BT-27).',
  );
  ix.check(
    nz(sel1(customer, 'cac:PartyLegalEntity/cbc:RegistrationName')) !== '',
    'BR-07',
    r,
    'An invoice shall contain the buyer name (BT-44).',
  );
  ix.check(cac(supplier, 'PostalAddress') !== undefined, 'BR-08', r, 'An invoice shall contain the seller postal address (BG-5).');
  ix.check(cac(customer, 'PostalAddress') !== undefined, 'BR-10', r, 'An invoice shall contain the buyer postal address (BG-8).');
  ix.check(
    cac(r, 'InvoiceLine') !== undefined || cac(r, 'CreditNoteLine') !== undefined,
    'BR-16',
    r,
    'An invoice shall have at least one invoice line (BG-25).',
  );
  // every $c in cbc:TaxCurrencyCode satisfies exists(//cac:TaxTotal/cbc:TaxAmount[@currencyID = $c])
  const taxAmountCurrencies = new Set<string>();
  for (const tt of ix.named('cac:TaxTotal')) {
    for (const ta of cbcs(tt, 'TaxAmount')) {
      const c = attr(ta, 'currencyID');
      if (c !== undefined) taxAmountCurrencies.add(c);
    }
  }
  ix.check(
    cbcs(r, 'TaxCurrencyCode').every((c) => taxAmountCurrencies.has(c.text)),
    'BR-53',
    r,
    'If the VAT accounting currency code (BT-6) is present, the invoice total VAT amount in accounting currency (BT-111) shall be provided.',
  );
  ix.check(
    !(cbc(r, 'TaxPointDate') !== undefined && sel1(r, 'cac:InvoicePeriod/cbc:DescriptionCode') !== undefined),
    'BR-CO-03',
    r,
    'Value added tax point date (BT-7) and value added tax point date code (BT-8) are mutually exclusive.',
  );
  ix.check(
    sel1(r, 'cac:TaxTotal/cac:TaxSubtotal') !== undefined,
    'BR-CO-18',
    r,
    'An invoice shall at least have one VAT breakdown group (BG-23).',
  );
  // BR-DEC-13 and BR-DEC-15 compare @currencyID with a cbc:DocumentCurrencyCode / cbc:TaxCurrencyCode
  // child of the TaxAmount itself, which never exists: the official assertions always hold.
}

/** Party, address, payment, reference and item rules of the UBL model (each context as in EN 16931). */
export function partyAndReferenceRules(ix: UblIndex): void {
  for (const adr of ix.named('cac:AdditionalDocumentReference')) {
    ix.check(nz(cbc(adr, 'ID')) !== '', 'BR-52', adr, 'Each additional supporting document (BG-24) shall contain a supporting document reference (BT-122).');
  }
  for (const ep of ix.named('cbc:EndpointID')) {
    const party = ep.parent;
    const role = party?.parent;
    if (!party || !role || !isCac(party, 'Party')) continue;
    if (isCac(role, 'AccountingCustomerParty')) {
      ix.check(attr(ep, 'schemeID') !== undefined, 'BR-63', ep, 'The buyer electronic address (BT-49) shall have a scheme identifier.');
    } else if (isCac(role, 'AccountingSupplierParty')) {
      ix.check(attr(ep, 'schemeID') !== undefined, 'BR-62', ep, 'The seller electronic address (BT-34) shall have a scheme identifier.');
    }
  }
  for (const pa of ix.named('cac:PostalAddress')) {
    const party = pa.parent;
    const role = party?.parent;
    const country = nz(sel1(pa, 'cac:Country/cbc:IdentificationCode'));
    if (party && isCac(party, 'TaxRepresentativeParty')) {
      ix.check(country !== '', 'BR-20', pa, 'The seller tax representative postal address (BG-12) shall contain a tax representative country code (BT-69).');
    }
    if (!party || !role || !isCac(party, 'Party')) continue;
    if (isCac(role, 'AccountingCustomerParty')) {
      ix.check(country !== '', 'BR-11', pa, 'The buyer postal address shall contain a buyer country code (BT-55).');
    } else if (isCac(role, 'AccountingSupplierParty')) {
      ix.check(country !== '', 'BR-09', pa, 'The seller postal address (BG-5) shall contain a seller country code (BT-40).');
    }
  }
  for (const pan of ix.named('cbc:PrimaryAccountNumberID')) {
    const card = pan.parent;
    if (!card || !isCac(card, 'CardAccount') || !card.parent || !isCac(card.parent, 'PaymentMeans')) continue;
    ix.check(
      stringLength(nz(pan)) <= 10,
      'BR-51',
      pan,
      'A card payment should not include the full card primary account number (BT-87): at most the first 6 and last 4 digits.',
      'warning',
    );
  }
  for (const addr of ix.named('cac:Address')) {
    const loc = addr.parent;
    if (!loc || !isCac(loc, 'DeliveryLocation') || !loc.parent || !isCac(loc.parent, 'Delivery')) continue;
    ix.check(
      sel1(addr, 'cac:Country/cbc:IdentificationCode') !== undefined,
      'BR-57',
      addr,
      'Each deliver to address (BG-15) shall contain a deliver to country code (BT-80).',
    );
  }
  for (const p of ix.named('cac:AdditionalItemProperty')) {
    ix.check(
      cbc(p, 'Name') !== undefined && cbc(p, 'Value') !== undefined,
      'BR-54',
      p,
      'Each item attribute (BG-32) shall contain an item attribute name (BT-160) and an item attribute value (BT-161).',
    );
  }
  for (const code of ix.named('cbc:ItemClassificationCode')) {
    if (!underLineItem(code, 'CommodityClassification')) continue;
    ix.check(attr(code, 'listID') !== undefined, 'BR-65', code, 'The item classification identifier (BT-158) shall have a scheme identifier.');
  }
  for (const id of ix.named('cbc:ID')) {
    if (!underLineItem(id, 'StandardItemIdentification')) continue;
    ix.check(attr(id, 'schemeID') !== undefined, 'BR-64', id, 'The item standard identifier (BT-157) shall have a scheme identifier.');
  }
  for (const payee of ix.named('cac:PayeeParty')) payeeRule(ix, payee);
  for (const pm of ix.named('cac:PaymentMeans')) paymentMeansRules(ix, pm);
  for (const br of ix.named('cac:BillingReference')) {
    ix.check(
      sel1(br, 'cac:InvoiceDocumentReference/cbc:ID') !== undefined,
      'BR-55',
      br,
      'Each preceding invoice reference (BG-3) shall contain a preceding invoice reference (BT-25).',
    );
  }
  for (const asp of ix.named('cac:AccountingSupplierParty')) {
    const ok =
      sel(asp, 'cac:Party/cac:PartyTaxScheme').some((pts) => isVatScheme(pts) && cbc(pts, 'CompanyID') !== undefined) ||
      sel(asp, 'cac:Party/cac:PartyIdentification/cbc:ID').some((id) => attr(id, 'schemeID') !== 'SEPA') ||
      sel1(asp, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID') !== undefined;
    ix.check(ok, 'BR-CO-26', asp, 'The seller identifier (BT-29), the seller legal registration identifier (BT-30) or the seller VAT identifier (BT-31) shall be present.');
  }
  for (const trp of ix.named('cac:TaxRepresentativeParty')) {
    ix.check(nz(sel1(trp, 'cac:PartyName/cbc:Name')) !== '', 'BR-18', trp, 'The seller tax representative name (BT-62) shall be provided.');
    ix.check(cac(trp, 'PostalAddress') !== undefined, 'BR-19', trp, 'The seller tax representative postal address (BG-12) shall be provided.');
    ix.check(
      cacs(trp, 'PartyTaxScheme').some((pts) => isVatScheme(pts) && cbc(pts, 'CompanyID') !== undefined),
      'BR-56',
      trp,
      'Each seller tax representative party (BG-11) shall have a seller tax representative VAT identifier (BT-63).',
    );
  }
}

/** `cac:InvoicePeriod` rules: line periods (BR-30, BR-CO-20) match first, all others get BR-29, BR-CO-19. */
export function periodRules(ix: UblIndex): void {
  for (const p of ix.named('cac:InvoicePeriod')) {
    const start = cbc(p, 'StartDate');
    const end = cbc(p, 'EndDate');
    const order = (): boolean => !start || !end || xdate(end) >= xdate(start);
    const parent = p.parent;
    if (parent && parent.ns === CAC && (parent.local === 'InvoiceLine' || parent.local === 'CreditNoteLine')) {
      ix.test('BR-30', p, 'The invoice line period end date (BT-135) shall be later or equal to the start date (BT-134).', order);
      ix.check(start !== undefined || end !== undefined, 'BR-CO-20', p, 'An invoice line period (BG-26) shall have a start date (BT-134) or an end date (BT-135), or both.');
    } else {
      ix.test('BR-29', p, 'The invoicing period end date (BT-74) shall be later or equal to the start date (BT-73).', order);
      ix.check(
        start !== undefined || end !== undefined || cbc(p, 'DescriptionCode') !== undefined,
        'BR-CO-19',
        p,
        'An invoicing period (BG-14) shall have a start date (BT-73) or an end date (BT-74), or both.',
      );
    }
  }
}

function isCac(el: XmlElement, local: string): boolean {
  return el.local === local && el.ns === CAC;
}

/** `cac:InvoiceLine/cac:Item/cac:<group>/<el>` or the same under `cac:CreditNoteLine`. */
function underLineItem(el: XmlElement, group: string): boolean {
  const g = el.parent;
  const item = g?.parent;
  const line = item?.parent;
  return (
    g !== undefined &&
    isCac(g, group) &&
    item !== undefined &&
    isCac(item, 'Item') &&
    line !== undefined &&
    line.ns === CAC &&
    (line.local === 'InvoiceLine' || line.local === 'CreditNoteLine')
  );
}

function payeeRule(ix: UblIndex, payee: XmlElement): void {
  const names = sel(payee, 'cac:PartyName/cbc:Name');
  const sellerParty = payee.parent ? sel1(payee.parent, 'cac:AccountingSupplierParty/cac:Party') : undefined;
  const sellerNames = new Set(sel(sellerParty, 'cac:PartyName/cbc:Name').map((n) => n.text));
  const sellerIds = new Set(sel(sellerParty, 'cac:PartyIdentification/cbc:ID').map((n) => n.text));
  // Existential general comparisons on string values, exactly as written (no normalisation).
  const ok =
    names.length > 0 &&
    !names.some((n) => sellerNames.has(n.text)) &&
    !sel(payee, 'cac:PartyIdentification/cbc:ID').some((id) => sellerIds.has(id.text));
  ix.check(ok, 'BR-17', payee, 'The payee name (BT-59) shall be provided if the payee (BG-10) is different from the seller (BG-4).');
}

function paymentMeansRules(ix: UblIndex, pm: XmlElement): void {
  const codes = cbcs(pm, 'PaymentMeansCode');
  // Predicate `[cbc:PaymentMeansCode='30' or cbc:PaymentMeansCode='58']`: exact string comparison.
  if (codes.some((c) => c.text === '30' || c.text === '58')) {
    for (const acct of cacs(pm, 'PayeeFinancialAccount')) {
      ix.check(nz(cbc(acct, 'ID')) !== '', 'BR-50', acct, 'A payment account identifier (BT-84) shall be present if credit transfer (BG-17) information is provided.');
    }
  }
  ix.check(codes.length > 0, 'BR-49', pm, 'A payment instruction (BG-16) shall specify the payment means type code (BT-81).');
  const code = nz(codes[0]);
  ix.check(
    (code !== '30' && code !== '58') || sel1(pm, 'cac:PayeeFinancialAccount/cbc:ID') !== undefined,
    'BR-61',
    pm,
    'If the payment means type code (BT-81) means SEPA credit transfer, local credit transfer or non-SEPA international credit transfer, the payment account identifier (BT-84) shall be present.',
  );
}
