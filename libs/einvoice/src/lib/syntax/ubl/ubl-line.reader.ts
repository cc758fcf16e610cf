import type {
  AllowanceCharge,
  InvoiceLine,
  ItemAttribute,
  ItemClassification,
} from '../../model/invoice.model';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf, nonEmpty, textOf } from '../xml-read.util';
import { cac, cacs, cbc, cbcDec, cbcEl, cbcs, idOf } from './ubl-read.util';

/** cac:InvoiceLine / cac:CreditNoteLine → BG-25. */
export function readUblLine(line: XmlElement, isCredit: boolean): InvoiceLine {
  const quantityEl = cbcEl(
    line,
    isCredit ? 'CreditedQuantity' : 'InvoicedQuantity',
  );
  const item = cac(line, 'Item');
  const price = cac(line, 'Price');
  const priceAc = cac(price, 'AllowanceCharge');
  const baseQuantityEl = cbcEl(price, 'BaseQuantity');
  const taxCategory = cac(item, 'ClassifiedTaxCategory');
  const docRefs = cacs(line, 'DocumentReference');
  const objectRef =
    docRefs.find((r) => cbc(r, 'DocumentTypeCode') === '130') ?? docRefs[0];
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  for (const ac of cacs(line, 'AllowanceCharge')) {
    const entry = {
      amount: cbcDec(ac, 'Amount'),
      baseAmount: cbcDec(ac, 'BaseAmount'),
      percentage: cbcDec(ac, 'MultiplierFactorNumeric'),
      reason: cbc(ac, 'AllowanceChargeReason'),
      reasonCode: cbc(ac, 'AllowanceChargeReasonCode'),
    };
    (cbc(ac, 'ChargeIndicator') === 'true' ? charges : allowances).push(entry);
  }
  const classifications: ItemClassification[] = [];
  for (const cc of cacs(item, 'CommodityClassification')) {
    const code = cbcEl(cc, 'ItemClassificationCode');
    const value = textOf(code);
    if (value === undefined) continue;
    classifications.push({
      value,
      listId: attrOf(code, 'listID'),
      listVersionId: attrOf(code, 'listVersionID'),
    });
  }
  const attributes: ItemAttribute[] = [];
  for (const p of cacs(item, 'AdditionalItemProperty')) {
    attributes.push({
      name: cbc(p, 'Name') ?? '',
      value: cbc(p, 'Value') ?? '',
    });
  }
  const period = cac(line, 'InvoicePeriod');
  return {
    id: cbc(line, 'ID') ?? '',
    note: cbcs(line, 'Note')
      .map((n) => textOf(n))
      .find((t) => t !== undefined),
    objectId: idOf(cbcEl(objectRef, 'ID')),
    quantity: cbcDec(line, isCredit ? 'CreditedQuantity' : 'InvoicedQuantity'),
    unitCode: attrOf(quantityEl, 'unitCode'),
    netAmount: cbcDec(line, 'LineExtensionAmount'),
    orderLineReference: cbc(cac(line, 'OrderLineReference'), 'LineID'),
    buyerAccountingReference: cbc(line, 'AccountingCost'),
    period: period
      ? nonEmpty({
          startDate: cbc(period, 'StartDate'),
          endDate: cbc(period, 'EndDate'),
        })
      : undefined,
    allowances,
    charges,
    price: {
      netPrice: cbcDec(price, 'PriceAmount'),
      discount:
        cbc(priceAc, 'ChargeIndicator') === 'true'
          ? undefined
          : cbcDec(priceAc, 'Amount'),
      grossPrice: cbcDec(priceAc, 'BaseAmount'),
      baseQuantity: cbcDec(price, 'BaseQuantity'),
      baseQuantityUnitCode: attrOf(baseQuantityEl, 'unitCode'),
    },
    vat: {
      categoryCode: cbc(taxCategory, 'ID'),
      rate: cbcDec(taxCategory, 'Percent'),
    },
    item: {
      name: cbc(item, 'Name'),
      description: cbc(item, 'Description'),
      sellerId: cbc(cac(item, 'SellersItemIdentification'), 'ID'),
      buyerId: cbc(cac(item, 'BuyersItemIdentification'), 'ID'),
      standardId: idOf(cbcEl(cac(item, 'StandardItemIdentification'), 'ID')),
      classifications,
      originCountryCode: cbc(cac(item, 'OriginCountry'), 'IdentificationCode'),
      attributes,
    },
  };
}
