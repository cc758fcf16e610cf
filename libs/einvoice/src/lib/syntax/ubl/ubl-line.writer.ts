import type { AllowanceCharge, InvoiceLine } from '../../model/invoice.model';
import type { XmlWriter } from '../xml-writer';
import { writeUblId } from './ubl-party.writer';

/** cac:AllowanceCharge (document level with its cac:TaxCategory, line level without). */
export function writeUblAllowanceCharge(
  w: XmlWriter,
  a: AllowanceCharge,
  charge: boolean,
  cur: { currencyID: string },
  documentLevel: boolean,
): void {
  w.group('cac:AllowanceCharge', () => {
    w.leaf('cbc:ChargeIndicator', charge ? 'true' : 'false');
    w.leaf('cbc:AllowanceChargeReasonCode', a.reasonCode);
    w.leaf('cbc:AllowanceChargeReason', a.reason);
    w.leaf('cbc:MultiplierFactorNumeric', a.percentage?.text);
    w.leaf('cbc:Amount', a.amount?.text, cur);
    w.leaf('cbc:BaseAmount', a.baseAmount?.text, cur);
    if (
      documentLevel &&
      (a.vatCategoryCode !== undefined || a.vatRate !== undefined)
    ) {
      w.group('cac:TaxCategory', () => {
        w.leaf('cbc:ID', a.vatCategoryCode);
        w.leaf('cbc:Percent', a.vatRate?.text);
        w.group('cac:TaxScheme', () => w.leaf('cbc:ID', 'VAT'));
      });
    }
  });
}

/** BG-25 → cac:InvoiceLine / cac:CreditNoteLine. */
export function writeUblLine(
  w: XmlWriter,
  l: InvoiceLine,
  credit: boolean,
  cur: { currencyID: string },
): void {
  w.group(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', () => {
    w.leaf('cbc:ID', l.id);
    w.leaf('cbc:Note', l.note);
    // Written when only the unit is known too, so BT-130 survives a quantity missing in broken input.
    const qty = l.quantity?.text ?? (l.unitCode !== undefined ? '' : undefined);
    w.leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', qty, {
      unitCode: l.unitCode,
    });
    w.leaf('cbc:LineExtensionAmount', l.netAmount?.text, cur);
    w.leaf('cbc:AccountingCost', l.buyerAccountingReference);
    if (l.period) {
      const period = l.period;
      w.group('cac:InvoicePeriod', () => {
        w.leaf('cbc:StartDate', period.startDate);
        w.leaf('cbc:EndDate', period.endDate);
      });
    }
    if (l.orderLineReference !== undefined)
      w.group('cac:OrderLineReference', () =>
        w.leaf('cbc:LineID', l.orderLineReference),
      );
    if (l.objectId) {
      w.group('cac:DocumentReference', () => {
        writeUblId(w, 'cbc:ID', l.objectId);
        w.leaf('cbc:DocumentTypeCode', '130');
      });
    }
    for (const a of l.allowances)
      writeUblAllowanceCharge(w, a, false, cur, false);
    for (const c of l.charges) writeUblAllowanceCharge(w, c, true, cur, false);
    const it = l.item;
    w.group('cac:Item', () => {
      w.leaf('cbc:Description', it.description);
      w.leaf('cbc:Name', it.name);
      if (it.buyerId !== undefined)
        w.group('cac:BuyersItemIdentification', () =>
          w.leaf('cbc:ID', it.buyerId),
        );
      if (it.sellerId !== undefined)
        w.group('cac:SellersItemIdentification', () =>
          w.leaf('cbc:ID', it.sellerId),
        );
      if (it.standardId)
        w.group('cac:StandardItemIdentification', () =>
          writeUblId(w, 'cbc:ID', it.standardId),
        );
      if (it.originCountryCode !== undefined)
        w.group('cac:OriginCountry', () =>
          w.leaf('cbc:IdentificationCode', it.originCountryCode),
        );
      for (const c of it.classifications) {
        w.group('cac:CommodityClassification', () =>
          w.leaf('cbc:ItemClassificationCode', c.value, {
            listID: c.listId,
            listVersionID: c.listVersionId,
          }),
        );
      }
      w.group('cac:ClassifiedTaxCategory', () => {
        w.leaf('cbc:ID', l.vat.categoryCode);
        w.leaf('cbc:Percent', l.vat.rate?.text);
        w.group('cac:TaxScheme', () => w.leaf('cbc:ID', 'VAT'));
      });
      for (const a of it.attributes) {
        w.group('cac:AdditionalItemProperty', () => {
          w.leaf('cbc:Name', a.name);
          w.leaf('cbc:Value', a.value);
        });
      }
    });
    const p = l.price;
    w.group('cac:Price', () => {
      w.leaf('cbc:PriceAmount', p.netPrice?.text, cur);
      w.leaf(
        'cbc:BaseQuantity',
        p.baseQuantity?.text ??
          (p.baseQuantityUnitCode !== undefined ? '' : undefined),
        {
          unitCode: p.baseQuantityUnitCode,
        },
      );
      if (p.discount || p.grossPrice) {
        w.group('cac:AllowanceCharge', () => {
          w.leaf('cbc:ChargeIndicator', 'false');
          w.leaf('cbc:Amount', p.discount?.text ?? '0', cur);
          w.leaf('cbc:BaseAmount', p.grossPrice?.text, cur);
        });
      }
    });
  });
}
