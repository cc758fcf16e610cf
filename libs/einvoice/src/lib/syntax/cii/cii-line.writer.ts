import { DecimalValue } from '../../model/decimal-value';
import type {
  AllowanceCharge,
  InvoiceLine,
  Period,
} from '../../model/invoice.model';
import type { XmlWriter as Writer } from '../xml-writer';
import { toCiiDate } from './cii-read.util';

/** Writes a date container with udt:DateTimeString format 102 (or the text verbatim when not ISO). */
export function writeDate(
  w: Writer,
  name: string,
  date: string | undefined,
  kind: 'udt:DateTimeString' | 'qdt:DateTimeString' = 'udt:DateTimeString',
): void {
  if (date === undefined) return;
  const yyyymmdd = toCiiDate(date);
  w.group(name, () => w.leaf(kind, yyyymmdd ?? date, { format: '102' }));
}

export const dec = (v: DecimalValue | undefined): string | undefined => v?.text;

function derivedGross(
  net: DecimalValue | undefined,
  discount: DecimalValue | undefined,
): DecimalValue | undefined {
  if (!net?.isValid() || !discount?.isValid()) return undefined;
  return DecimalValue.fromDecimal(net.toDecimal().plus(discount.toDecimal()));
}

export function writePeriod(w: Writer, p: Period | undefined): void {
  if (!p) return;
  w.group('ram:BillingSpecifiedPeriod', () => {
    writeDate(w, 'ram:StartDateTime', p.startDate);
    writeDate(w, 'ram:EndDateTime', p.endDate);
  });
}

export function writeAllowanceCharge(
  w: Writer,
  a: AllowanceCharge,
  charge: boolean,
  documentLevel: boolean,
): void {
  w.group('ram:SpecifiedTradeAllowanceCharge', () => {
    w.group('ram:ChargeIndicator', () =>
      w.leaf('udt:Indicator', charge ? 'true' : 'false'),
    );
    w.leaf('ram:CalculationPercent', dec(a.percentage));
    w.leaf('ram:BasisAmount', dec(a.baseAmount));
    w.leaf('ram:ActualAmount', dec(a.amount));
    w.leaf('ram:ReasonCode', a.reasonCode);
    w.leaf('ram:Reason', a.reason);
    if (
      documentLevel &&
      (a.vatCategoryCode !== undefined || a.vatRate !== undefined)
    ) {
      w.group('ram:CategoryTradeTax', () => {
        w.leaf('ram:TypeCode', 'VAT');
        w.leaf('ram:CategoryCode', a.vatCategoryCode);
        w.leaf('ram:RateApplicablePercent', dec(a.vatRate));
      });
    }
  });
}

/** BG-25 → ram:IncludedSupplyChainTradeLineItem (schema element order). */
export function writeCiiLine(w: Writer, l: InvoiceLine): void {
  w.group('ram:IncludedSupplyChainTradeLineItem', () => {
    w.group('ram:AssociatedDocumentLineDocument', () => {
      w.leaf('ram:LineID', l.id);
      if (l.note !== undefined)
        w.group('ram:IncludedNote', () => w.leaf('ram:Content', l.note));
    });
    const it = l.item;
    w.group('ram:SpecifiedTradeProduct', () => {
      if (it.standardId)
        w.leaf('ram:GlobalID', it.standardId.value, {
          schemeID: it.standardId.schemeId,
        });
      w.leaf('ram:SellerAssignedID', it.sellerId);
      w.leaf('ram:BuyerAssignedID', it.buyerId);
      w.leaf('ram:Name', it.name);
      w.leaf('ram:Description', it.description);
      for (const a of it.attributes) {
        w.group('ram:ApplicableProductCharacteristic', () => {
          w.leaf('ram:Description', a.name);
          w.leaf('ram:Value', a.value);
        });
      }
      for (const c of it.classifications) {
        w.group('ram:DesignatedProductClassification', () =>
          w.leaf('ram:ClassCode', c.value, {
            listID: c.listId,
            listVersionID: c.listVersionId,
          }),
        );
      }
      if (it.originCountryCode !== undefined)
        w.group('ram:OriginTradeCountry', () =>
          w.leaf('ram:ID', it.originCountryCode),
        );
    });
    const p = l.price;
    const basisText =
      dec(p.baseQuantity) ??
      (p.baseQuantityUnitCode !== undefined ? '' : undefined);
    const basis = (): void =>
      w.leaf('ram:BasisQuantity', basisText, {
        unitCode: p.baseQuantityUnitCode,
      });
    w.group(
      'ram:SpecifiedLineTradeAgreement',
      () => {
        if (l.orderLineReference !== undefined)
          w.group('ram:BuyerOrderReferencedDocument', () =>
            w.leaf('ram:LineID', l.orderLineReference),
          );
        // CII needs the gross price when a discount is given; EN defines net = gross − discount.
        const gross = p.grossPrice ?? derivedGross(p.netPrice, p.discount);
        if (gross) {
          w.group('ram:GrossPriceProductTradePrice', () => {
            w.leaf('ram:ChargeAmount', gross.text);
            basis();
            if (p.discount) {
              w.group('ram:AppliedTradeAllowanceCharge', () => {
                w.group('ram:ChargeIndicator', () =>
                  w.leaf('udt:Indicator', 'false'),
                );
                w.leaf('ram:ActualAmount', dec(p.discount));
              });
            }
          });
        }
        w.group('ram:NetPriceProductTradePrice', () => {
          w.leaf('ram:ChargeAmount', dec(p.netPrice));
          basis();
        });
      },
      undefined,
      true,
    );
    w.group(
      'ram:SpecifiedLineTradeDelivery',
      () =>
        w.leaf(
          'ram:BilledQuantity',
          dec(l.quantity) ?? (l.unitCode !== undefined ? '' : undefined),
          { unitCode: l.unitCode },
        ),
      undefined,
      true,
    );
    w.group('ram:SpecifiedLineTradeSettlement', () => {
      w.group('ram:ApplicableTradeTax', () => {
        w.leaf('ram:TypeCode', 'VAT');
        w.leaf('ram:CategoryCode', l.vat.categoryCode);
        w.leaf('ram:RateApplicablePercent', dec(l.vat.rate));
      });
      writePeriod(w, l.period);
      for (const a of l.allowances) writeAllowanceCharge(w, a, false, false);
      for (const c of l.charges) writeAllowanceCharge(w, c, true, false);
      w.group(
        'ram:SpecifiedTradeSettlementLineMonetarySummation',
        () => w.leaf('ram:LineTotalAmount', dec(l.netAmount)),
        undefined,
        true,
      );
      if (l.objectId) {
        const obj = l.objectId;
        w.group('ram:AdditionalReferencedDocument', () => {
          w.leaf('ram:IssuerAssignedID', obj.value);
          w.leaf('ram:TypeCode', '130');
          w.leaf('ram:ReferenceTypeCode', obj.schemeId);
        });
      }
      if (l.buyerAccountingReference !== undefined) {
        w.group('ram:ReceivableSpecifiedTradeAccountingAccount', () =>
          w.leaf('ram:ID', l.buyerAccountingReference),
        );
      }
    });
  });
}
