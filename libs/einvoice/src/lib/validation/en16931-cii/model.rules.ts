import type { XmlElement } from '../../xml/xml-node';
import { allowanceChargeTaxRules, lineTaxRules } from './vat-category.rules';
import { chargeIndicatorRules } from './allowance-charge.rules';
import { breakdownRules } from './breakdown.rules';
import type { CiiDoc } from './cii-doc';
import { is, RAM } from './cii-xpath.util';
import { documentRules } from './document.rules';
import { characteristicRules, lineRules, periodRules } from './line.rules';
import {
  additionalDocumentRules,
  classificationRules,
  creditAccountRules,
  deliveryRules,
  financialCardRules,
  paymentMeansRules,
  payeeRules,
  precedingInvoiceRules,
  sellerRules,
  taxRepresentativeRules,
  vatIdentifierRules,
} from './party.rules';
import type { Reporter } from './rule-kit';
import { taxTotalRules, totalsRules } from './totals.rules';
import {
  breakdownCategoryRules,
  breakdownTaxRules,
} from './vat-breakdown.rules';

/**
 * The EN 16931 model pattern: each element is judged by the first official rule whose context
 * it matches (Schematron fires one rule per node and pattern), dispatched on its name.
 */
export function runModel(doc: CiiDoc, r: Reporter): void {
  const root = doc.root;
  if (doc.isCii) documentRules(doc, r, root);
  for (const el of doc.forModel) modelRam(doc, r, el, root);
}

/** `ram:` names with a rule context in the model pattern. */
export const MODEL_NAMES: ReadonlySet<string> = new Set([
  'DesignatedProductClassification',
  'AdditionalReferencedDocument',
  'ApplicableTradeSettlementFinancialCard',
  'PayeePartyCreditorFinancialAccount',
  'ApplicableHeaderTradeDelivery',
  'ChargeIndicator',
  'SpecifiedTradeSettlementHeaderMonetarySummation',
  'IncludedSupplyChainTradeLineItem',
  'BillingSpecifiedPeriod',
  'ApplicableProductCharacteristic',
  'PayeeTradeParty',
  'SpecifiedTradeSettlementPaymentMeans',
  'InvoiceReferencedDocument',
  'SellerTradeParty',
  'SellerTaxRepresentativeTradeParty',
  'TaxTotalAmount',
  'ID',
  'CategoryCode',
  'ApplicableTradeTax',
  'CategoryTradeTax',
]);

function modelRam(
  doc: CiiDoc,
  r: Reporter,
  el: XmlElement,
  root: XmlElement,
): void {
  switch (el.local) {
    case 'DesignatedProductClassification':
      return classificationRules(r, el);
    case 'AdditionalReferencedDocument':
      return additionalDocumentRules(r, el);
    case 'ApplicableTradeSettlementFinancialCard':
      return financialCardRules(r, el);
    case 'PayeePartyCreditorFinancialAccount':
      return creditAccountRules(r, el);
    case 'ApplicableHeaderTradeDelivery':
      if (doc.isTx(el.parent)) deliveryRules(r, el);
      return;
    case 'ChargeIndicator':
      return chargeIndicatorRules(r, el);
    case 'SpecifiedTradeSettlementHeaderMonetarySummation':
      return totalsRules(doc, r, el, root);
    case 'IncludedSupplyChainTradeLineItem':
      return lineRules(doc, r, el);
    case 'BillingSpecifiedPeriod':
      return periodRules(r, el);
    case 'ApplicableProductCharacteristic':
      return characteristicRules(r, el);
    case 'PayeeTradeParty':
      return payeeRules(r, el, root);
    case 'SpecifiedTradeSettlementPaymentMeans':
      return paymentMeansRules(r, el);
    case 'InvoiceReferencedDocument':
      return precedingInvoiceRules(doc, r, el);
    case 'SellerTradeParty':
      return sellerRules(r, el);
    case 'SellerTaxRepresentativeTradeParty':
      return taxRepresentativeRules(r, el);
    case 'TaxTotalAmount':
      return taxTotalRules(doc, r, el);
    case 'ID':
      return vatIdentifierRules(r, el);
    case 'CategoryCode':
      return breakdownCategoryRules(doc, r, el);
    case 'ApplicableTradeTax':
      if (is(el.parent, RAM, 'ApplicableHeaderTradeSettlement')) {
        if (!breakdownTaxRules(doc, r, el)) breakdownRules(doc, r, el);
      } else lineTaxRules(doc, r, el);
      return;
    case 'CategoryTradeTax':
      return allowanceChargeTaxRules(doc, r, el);
    default:
      return;
  }
}
