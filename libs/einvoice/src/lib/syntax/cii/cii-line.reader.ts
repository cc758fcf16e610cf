import type {
  InvoiceLine,
  ItemAttribute,
  ItemClassification,
} from '../../model/invoice.model';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf, nonEmpty, textOf } from '../xml-read.util';
import {
  ciiDate,
  ciiId,
  ciiIndicator,
  decOf,
  ram,
  ramDec,
  rams,
  ramText,
  readCiiAllowanceCharges,
} from './cii-read.util';

/** ram:IncludedSupplyChainTradeLineItem → BG-25. */
export function readCiiLine(line: XmlElement): InvoiceLine {
  const docLine = ram(line, 'AssociatedDocumentLineDocument');
  const product = ram(line, 'SpecifiedTradeProduct');
  const agreement = ram(line, 'SpecifiedLineTradeAgreement');
  const settlement = ram(line, 'SpecifiedLineTradeSettlement');
  const quantityEl = ram(
    ram(line, 'SpecifiedLineTradeDelivery'),
    'BilledQuantity',
  );
  const gross = ram(agreement, 'GrossPriceProductTradePrice');
  const net = ram(agreement, 'NetPriceProductTradePrice');
  const basisEl = ram(net, 'BasisQuantity') ?? ram(gross, 'BasisQuantity');
  const discountEl = rams(gross, 'AppliedTradeAllowanceCharge').find(
    (ac) => !ciiIndicator(ram(ac, 'ChargeIndicator')),
  );
  const tax = ram(settlement, 'ApplicableTradeTax');
  const period = ram(settlement, 'BillingSpecifiedPeriod');
  const objectRef = rams(settlement, 'AdditionalReferencedDocument').find(
    (r) => ramText(r, 'TypeCode') === '130',
  );
  const objectValue = ramText(objectRef, 'IssuerAssignedID');
  const objectScheme = ramText(objectRef, 'ReferenceTypeCode');

  const classifications: ItemClassification[] = [];
  for (const c of rams(product, 'DesignatedProductClassification')) {
    const code = ram(c, 'ClassCode');
    const value = textOf(code);
    if (value !== undefined) {
      classifications.push({
        value,
        listId: attrOf(code, 'listID'),
        listVersionId: attrOf(code, 'listVersionID'),
      });
    }
  }
  const attributes: ItemAttribute[] = rams(
    product,
    'ApplicableProductCharacteristic',
  ).map((c) => ({
    name: ramText(c, 'Description') ?? '',
    value: ramText(c, 'Value') ?? '',
  }));

  return {
    id: ramText(docLine, 'LineID') ?? '',
    note: rams(docLine, 'IncludedNote')
      .map((n) => ramText(n, 'Content'))
      .find((t) => t !== undefined),
    objectId:
      objectValue === undefined
        ? undefined
        : { value: objectValue, schemeId: objectScheme },
    quantity: decOf(quantityEl),
    unitCode: attrOf(quantityEl, 'unitCode'),
    netAmount: ramDec(
      ram(settlement, 'SpecifiedTradeSettlementLineMonetarySummation'),
      'LineTotalAmount',
    ),
    orderLineReference: ramText(
      ram(agreement, 'BuyerOrderReferencedDocument'),
      'LineID',
    ),
    buyerAccountingReference: ramText(
      ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'),
      'ID',
    ),
    period: period
      ? nonEmpty({
          startDate: ciiDate(ram(period, 'StartDateTime')),
          endDate: ciiDate(ram(period, 'EndDateTime')),
        })
      : undefined,
    allowances: readCiiAllowanceCharges(settlement, false, false),
    charges: readCiiAllowanceCharges(settlement, true, false),
    price: {
      netPrice: ramDec(net, 'ChargeAmount'),
      discount: ramDec(discountEl, 'ActualAmount'),
      grossPrice: ramDec(gross, 'ChargeAmount'),
      baseQuantity: decOf(basisEl),
      baseQuantityUnitCode: attrOf(basisEl, 'unitCode'),
    },
    vat: {
      categoryCode: ramText(tax, 'CategoryCode'),
      rate: ramDec(tax, 'RateApplicablePercent'),
    },
    item: {
      name: ramText(product, 'Name'),
      description: ramText(product, 'Description'),
      sellerId: ramText(product, 'SellerAssignedID'),
      buyerId: ramText(product, 'BuyerAssignedID'),
      standardId: ciiId(ram(product, 'GlobalID')),
      classifications,
      originCountryCode: ramText(ram(product, 'OriginTradeCountry'), 'ID'),
      attributes,
    },
  };
}
