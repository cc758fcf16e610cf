import Decimal from 'decimal.js';
import type { DecimalValue } from '../../model/decimal-value';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf } from '../xml-read.util';
import type { XmlWriter } from '../xml-writer';
import { eeDec, eeText, enBlock } from './ee-read.util';

/**
 * EE VATRecord: VATRate and VATSum are mandatory there although EN 16931 has no rate for
 * category O ("not subject to VAT"). The writer puts exactly `0` with vatId NOTTAX when the model
 * has no rate; the reader turns that exact `0` of a NOTTAX record back into "no rate".
 */
export function readEeVat(vat: XmlElement): {
  categoryCode?: string;
  rate?: DecimalValue;
} {
  const categoryCode = eeText(
    enBlock(vat, 'Reference', 'VATEN'),
    'CategoryCode',
  );
  let rate = eeDec(vat, 'VATRate');
  if (rate?.text === '0' && attrOf(vat, 'vatId') === 'NOTTAX') rate = undefined;
  return { categoryCode, rate };
}

/** vatId attribute: taxable, exempt or not taxable, from the EN VAT category. */
function vatIdOf(
  categoryCode: string | undefined,
  hasRate: boolean,
): string | undefined {
  if (!hasRate) return 'NOTTAX';
  switch (categoryCode) {
    case undefined:
      return undefined;
    case 'O':
      return 'NOTTAX';
    case 'E':
    case 'AE':
    case 'K':
    case 'G':
      return 'TAXEX';
    default:
      return 'TAX';
  }
}

export interface EeVatInput {
  readonly categoryCode?: string;
  readonly rate?: DecimalValue;
  /** The VAT base; VATSum (mandatory in EE) is computed from it when no tax amount is given. */
  readonly base?: DecimalValue;
  readonly taxAmount?: DecimalValue;
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
  readonly currency?: string;
}

/** Writes a VATRecord with its VATEN extension. */
export function writeEeVat(w: XmlWriter, v: EeVatInput): void {
  const rate = v.rate?.text ?? '0';
  let sum = v.taxAmount?.text;
  if (sum === undefined) {
    const base = v.base?.isValid() ? v.base.toDecimal() : new Decimal(0);
    const r = v.rate?.isValid() ? v.rate.toDecimal() : new Decimal(0);
    sum = base
      .times(r)
      .dividedBy(100)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      .toFixed(2);
  }
  w.group(
    'VAT',
    () => {
      w.leaf('SumBeforeVAT', v.base?.text);
      w.leaf('VATRate', rate);
      w.leaf('VATSum', sum);
      w.leaf('Currency', v.currency);
      if (
        v.categoryCode !== undefined ||
        v.exemptionReason !== undefined ||
        v.exemptionReasonCode !== undefined
      ) {
        writeExtension(
          w,
          'Reference',
          'VATEN',
          'Additional VAT information for EN invoice.',
          () => {
            w.leaf('CategoryCode', v.categoryCode ?? '');
            w.leaf('ExemptionReasonCode', v.exemptionReasonCode);
            w.leaf('ExemptionReasonText', v.exemptionReason);
          },
        );
      }
    },
    { vatId: vatIdOf(v.categoryCode, v.rate !== undefined) },
  );
}

/**
 * Writes an ExtensionRecord (`Extension`, `ItemReserve`, `AdditionalInformation`, `Reference`):
 * extensionId, the mandatory InformationContent, and CustomContent with one EN block.
 */
export function writeExtension(
  w: XmlWriter,
  container: string,
  enName: string,
  description: string,
  body: () => void,
): void {
  const start = w.mark();
  let empty = true;
  w.group(
    container,
    () => {
      w.leaf('InformationContent', description);
      w.group('CustomContent', () =>
        w.group(enName, () => {
          const before = w.mark();
          body();
          empty = w.mark() === before;
        }),
      );
    },
    { extensionId: enName },
  );
  // An extension without EN content is noise: drop it whole.
  if (empty) w.rollback(start);
}
