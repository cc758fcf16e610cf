import type { AllowanceCharge, InvoiceLine } from '../../model/invoice.model';
import type { XmlWriter } from '../xml-writer';
import { writeEeVat, writeExtension } from './ee-vat.util';

/** Core AdditionRecord (AddContent is mandatory there) — duplicated by AdditionEN per the binding. */
export function writeEeAddition(
  w: XmlWriter,
  a: AllowanceCharge,
  charge: boolean,
): void {
  w.group(
    'Addition',
    () => {
      w.leaf('AddContent', a.reason ?? a.reasonCode ?? '');
      w.leaf('AddRate', a.percentage?.text);
      w.leaf('AddSum', a.amount?.text);
    },
    { addCode: charge ? 'CHR' : 'DSC' },
  );
}

/** AdditionEN body; `withVat` for document level ones (BT-95/96, BT-102/103). */
export function writeEeAdditionEn(
  w: XmlWriter,
  container: string,
  a: AllowanceCharge,
  charge: boolean,
  withVat: boolean,
): void {
  w.group(
    container,
    () => {
      w.leaf(
        'InformationContent',
        'Allowance and charge information for EN invoice.',
      );
      w.group('CustomContent', () =>
        w.group(
          'AdditionEN',
          () => {
            w.leaf('AddContent', a.reason);
            w.leaf('AddContentCode', a.reasonCode);
            w.leaf('AddBaseSum', a.baseAmount?.text);
            w.leaf('AddRate', a.percentage?.text);
            w.leaf('AddSum', a.amount?.text ?? '');
            if (
              withVat &&
              (a.vatCategoryCode !== undefined || a.vatRate !== undefined)
            ) {
              writeEeVat(w, {
                categoryCode: a.vatCategoryCode,
                rate: a.vatRate,
                base: a.amount,
              });
            }
          },
          { addCode: charge ? 'CHR' : 'DSC' },
          true,
        ),
      );
    },
    { extensionId: 'AdditionEN' },
  );
}

/** BG-25 → ItemEntry. */
export function writeEeLine(w: XmlWriter, l: InvoiceLine): void {
  const it = l.item;
  const p = l.price;
  w.group('ItemEntry', () => {
    w.leaf('RowNo', l.id);
    w.leaf('SellerProductId', it.sellerId);
    w.leaf('BuyerProductId', it.buyerId);
    if (l.buyerAccountingReference !== undefined) {
      w.group('Accounting', () =>
        w.group('JournalEntry', () =>
          w.leaf('GeneralLedger', l.buyerAccountingReference),
        ),
      );
    }
    // Description (BT-153) is mandatory with at least one character.
    w.leaf('Description', it.name ?? it.description ?? '-');
    writeExtension(
      w,
      'ItemReserve',
      'ItemEntryEN',
      'Additional item entry information for EN invoice.',
      () => {
        w.leaf('InfoText', l.note);
        w.leaf('ItemDetailedDescription', it.description);
        if (it.standardId)
          w.leaf('ItemAdditionalId', it.standardId.value, {
            schemeId: it.standardId.schemeId ?? '',
          });
        if (l.objectId)
          w.leaf('ObjectId', l.objectId.value, {
            schemeId: l.objectId.schemeId,
          });
        for (const c of it.classifications) {
          w.leaf('ItemClassification', c.value, {
            schemeId: c.listId ?? '',
            schemeVersionId: c.listVersionId,
          });
        }
        w.leaf('ItemCountryOfOrigin', it.originCountryCode);
        if (l.period) {
          const period = l.period;
          w.group('Period', () => {
            w.leaf('StartDate', period.startDate);
            w.leaf('EndDate', period.endDate);
          });
        }
        // ItemPriceInfo is mandatory in ItemEntryEN, so it is written even when empty.
        w.group(
          'ItemPriceInfo',
          () => {
            w.leaf('ItemDiscountSum', p.discount?.text);
            w.leaf('ItemPriceBaseQuantity', p.baseQuantity?.text);
            w.leaf('ItemPriceBaseQuantityUnit', p.baseQuantityUnitCode);
            w.leaf('ItemGrossPrice', p.grossPrice?.text);
          },
          undefined,
          true,
        );
        w.leaf('PurchaseOrderLineRef', l.orderLineReference);
      },
    );
    for (const a of l.allowances)
      writeEeAdditionEn(w, 'ItemReserve', a, false, false);
    for (const c of l.charges)
      writeEeAdditionEn(w, 'ItemReserve', c, true, false);
    for (const attr of it.attributes) {
      w.group(
        'ItemReserve',
        () => {
          w.leaf('InformationName', attr.name);
          w.leaf('InformationContent', attr.value);
        },
        { extensionId: 'AttributeEN' },
      );
    }
    w.group('ItemDetailInfo', () => {
      w.leaf('ItemUnit', l.unitCode);
      w.leaf('ItemAmount', l.quantity?.text);
      w.leaf('ItemPrice', p.netPrice?.text);
    });
    for (const a of l.allowances) writeEeAddition(w, a, false);
    for (const c of l.charges) writeEeAddition(w, c, true);
    if (l.vat.categoryCode !== undefined || l.vat.rate || l.netAmount) {
      writeEeVat(w, {
        categoryCode: l.vat.categoryCode,
        rate: l.vat.rate,
        base: l.netAmount,
      });
    }
  });
}
