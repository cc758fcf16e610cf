import type {
  AllowanceCharge,
  InvoiceLine,
  ItemAttribute,
  ItemClassification,
} from '../../model/invoice.model';
import type { Identifier } from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf, nonEmpty, textOf } from '../xml-read.util';
import {
  ee,
  eeDec,
  eeId,
  ees,
  eeText,
  enBlock,
  enBlocks,
} from './ee-read.util';
import { readEeVat } from './ee-vat.util';

/** GTIN scheme (ISO 6523 ICD 0160): the EE EAN element holds identifiers of this scheme. */
const GTIN_SCHEME = '0160';

/** ItemEntry (with its ItemEntryEN, AdditionEN and AttributeEN reserves) → BG-25. */
export function readEeLine(entry: XmlElement): InvoiceLine {
  const en = enBlock(entry, 'ItemReserve', 'ItemEntryEN');
  const detail = ee(entry, 'ItemDetailInfo');
  const priceInfo = ee(en, 'ItemPriceInfo');
  const vat = ee(entry, 'VAT');
  const v = vat ? readEeVat(vat) : {};
  const period = ee(en, 'Period');

  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  const additionsEn = [
    ...enBlocks(entry, 'ItemReserve', 'AdditionEN'),
    ...ees(en, 'Addition'),
  ];
  for (const a of additionsEn.length > 0
    ? additionsEn
    : ees(entry, 'Addition')) {
    const item = {
      amount: eeDec(a, 'AddSum'),
      baseAmount: eeDec(a, 'AddBaseSum'),
      percentage: eeDec(a, 'AddRate'),
      reason: eeText(a, 'AddContent'),
      reasonCode: eeText(a, 'AddContentCode'),
    };
    (attrOf(a, 'addCode') === 'CHR' ? charges : allowances).push(item);
  }

  const attributes: ItemAttribute[] = [];
  for (const r of ees(entry, 'ItemReserve')) {
    if (attrOf(r, 'extensionId') !== 'AttributeEN') continue;
    attributes.push({
      name: eeText(r, 'InformationName') ?? '',
      value: eeText(r, 'InformationContent') ?? '',
    });
  }
  const classifications: ItemClassification[] = [];
  for (const c of ees(en, 'ItemClassification')) {
    const value = textOf(c);
    if (value !== undefined) {
      classifications.push({
        value,
        listId: attrOf(c, 'schemeId'),
        listVersionId: attrOf(c, 'schemeVersionId'),
      });
    }
  }
  const ean = eeText(entry, 'EAN');
  const standardId: Identifier | undefined =
    eeId(ee(en, 'ItemAdditionalId')) ??
    (ean === undefined ? undefined : { value: ean, schemeId: GTIN_SCHEME });

  return {
    id: eeText(entry, 'RowNo') ?? '',
    note: eeText(en, 'InfoText'),
    objectId: eeId(ee(en, 'ObjectId')),
    quantity: eeDec(detail, 'ItemAmount'),
    unitCode: eeText(detail, 'ItemUnit'),
    netAmount: eeDec(vat, 'SumBeforeVAT'),
    orderLineReference: eeText(en, 'PurchaseOrderLineRef'),
    buyerAccountingReference: eeText(
      ee(ee(entry, 'Accounting'), 'JournalEntry'),
      'GeneralLedger',
    ),
    period: period
      ? nonEmpty({
          startDate: eeText(period, 'StartDate'),
          endDate: eeText(period, 'EndDate'),
        })
      : undefined,
    allowances,
    charges,
    price: {
      netPrice: eeDec(detail, 'ItemPrice'),
      discount: eeDec(priceInfo, 'ItemDiscountSum'),
      grossPrice: eeDec(priceInfo, 'ItemGrossPrice'),
      baseQuantity: eeDec(priceInfo, 'ItemPriceBaseQuantity'),
      baseQuantityUnitCode: eeText(priceInfo, 'ItemPriceBaseQuantityUnit'),
    },
    vat: v,
    item: {
      name: eeText(entry, 'Description'),
      description: eeText(en, 'ItemDetailedDescription'),
      sellerId: eeText(entry, 'SellerProductId'),
      buyerId: eeText(entry, 'BuyerProductId'),
      standardId,
      classifications,
      originCountryCode: eeText(en, 'ItemCountryOfOrigin'),
      attributes,
    },
  };
}
