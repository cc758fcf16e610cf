import type { XmlElement } from '../../xml/xml-node';
import { decimalsAfterPoint } from '../common';
import { is, kid, kids, RAM, str, UDT, upper } from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';

/** Document and line level allowances and charges (BG-20, BG-21, BG-27, BG-28). */
export const ALLOWANCE_CHARGE_RULES = rules('fatal', {
  'BR-31':
    'Each document level allowance (BG-20) shall have a document level allowance amount (BT-92).',
  'BR-32':
    'Each document level allowance (BG-20) shall have a document level allowance VAT category code (BT-95).',
  'BR-33':
    'Each document level allowance (BG-20) shall have an allowance reason (BT-97) or reason code (BT-98).',
  'BR-CO-05':
    'Document level allowance reason code (BT-98) and reason (BT-97) shall indicate the same type of allowance.',
  'BR-CO-21':
    'Each document level allowance (BG-20) shall contain an allowance reason (BT-97), a reason code (BT-98), or both.',
  'BR-DEC-01':
    'The document level allowance amount (BT-92) shall have at most 2 decimals.',
  'BR-DEC-02':
    'The document level allowance base amount (BT-93) shall have at most 2 decimals.',
  'BR-36':
    'Each document level charge (BG-21) shall have a document level charge amount (BT-99).',
  'BR-37':
    'Each document level charge (BG-21) shall have a document level charge VAT category code (BT-102).',
  'BR-38':
    'Each document level charge (BG-21) shall have a charge reason (BT-104) or reason code (BT-105).',
  'BR-CO-06':
    'Document level charge reason code (BT-105) and reason (BT-104) shall indicate the same type of charge.',
  'BR-CO-22':
    'Each document level charge (BG-21) shall contain a charge reason (BT-104), a reason code (BT-105), or both.',
  'BR-DEC-05':
    'The document level charge amount (BT-99) shall have at most 2 decimals.',
  'BR-DEC-06':
    'The document level charge base amount (BT-100) shall have at most 2 decimals.',
  'BR-41':
    'Each invoice line allowance (BG-27) shall have an invoice line allowance amount (BT-136).',
  'BR-42':
    'Each invoice line allowance (BG-27) shall have an allowance reason (BT-139) or reason code (BT-140).',
  'BR-CO-07':
    'Invoice line allowance reason code (BT-140) and reason (BT-139) shall indicate the same type of allowance.',
  'BR-CO-23':
    'Each invoice line allowance (BG-27) shall contain an allowance reason (BT-139), a reason code (BT-140), or both.',
  'BR-DEC-24':
    'The invoice line allowance amount (BT-136) shall have at most 2 decimals.',
  'BR-DEC-25':
    'The invoice line allowance base amount (BT-137) shall have at most 2 decimals.',
  'BR-43':
    'Each invoice line charge (BG-28) shall have an invoice line charge amount (BT-141).',
  'BR-44':
    'Each invoice line charge (BG-28) shall have a charge reason (BT-144) or reason code (BT-145).',
  'BR-CO-08':
    'Invoice line charge reason code (BT-145) and reason (BT-144) shall indicate the same type of charge.',
  'BR-CO-24':
    'Each invoice line charge (BG-28) shall contain a charge reason (BT-144), a reason code (BT-145), or both.',
  'BR-DEC-27':
    'The invoice line charge amount (BT-141) shall have at most 2 decimals.',
  'BR-DEC-28':
    'The invoice line charge base amount (BT-142) shall have at most 2 decimals.',
});
const R = ALLOWANCE_CHARGE_RULES;

interface AcRuleIds {
  readonly amount: Rule;
  readonly category?: Rule;
  readonly reason: Rule;
  /** BR-CO-05..08 are `true()` in the official rules: kept for the id, never reported. */
  readonly sameType: Rule;
  readonly reasonOrCode: Rule;
  readonly amountDecimals: Rule;
  readonly baseDecimals: Rule;
}

const HEADER_ALLOWANCE: AcRuleIds = {
  amount: R['BR-31'],
  category: R['BR-32'],
  reason: R['BR-33'],
  sameType: R['BR-CO-05'],
  reasonOrCode: R['BR-CO-21'],
  amountDecimals: R['BR-DEC-01'],
  baseDecimals: R['BR-DEC-02'],
};
const HEADER_CHARGE: AcRuleIds = {
  amount: R['BR-36'],
  category: R['BR-37'],
  reason: R['BR-38'],
  sameType: R['BR-CO-06'],
  reasonOrCode: R['BR-CO-22'],
  amountDecimals: R['BR-DEC-05'],
  baseDecimals: R['BR-DEC-06'],
};
const LINE_ALLOWANCE: AcRuleIds = {
  amount: R['BR-41'],
  reason: R['BR-42'],
  sameType: R['BR-CO-07'],
  reasonOrCode: R['BR-CO-23'],
  amountDecimals: R['BR-DEC-24'],
  baseDecimals: R['BR-DEC-25'],
};
const LINE_CHARGE: AcRuleIds = {
  amount: R['BR-43'],
  reason: R['BR-44'],
  sameType: R['BR-CO-08'],
  reasonOrCode: R['BR-CO-24'],
  amountDecimals: R['BR-DEC-27'],
  baseDecimals: R['BR-DEC-28'],
};

/**
 * Context `//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:ChargeIndicator[udt:Indicator='false' | 'true']`
 * and the same under `//ram:SpecifiedLineTradeSettlement`. The indicator is compared as a string
 * here (exactly 'false' / 'true'), as the official contexts do.
 */
export function chargeIndicatorRules(r: Reporter, indicator: XmlElement): void {
  const ac = indicator.parent;
  if (!is(ac, RAM, 'SpecifiedTradeAllowanceCharge')) return;
  const level = ac.parent;
  const header = is(level, RAM, 'ApplicableHeaderTradeSettlement');
  if (!header && !is(level, RAM, 'SpecifiedLineTradeSettlement')) return;
  const values = kids(indicator, UDT, 'Indicator').map((i) => i.text);
  // The 'false' rule comes first in the official order: an element matching both is an allowance.
  const ids = values.includes('false')
    ? header
      ? HEADER_ALLOWANCE
      : LINE_ALLOWANCE
    : values.includes('true')
      ? header
        ? HEADER_CHARGE
        : LINE_CHARGE
      : undefined;
  if (!ids) return;
  const ctx = indicator;
  r.ok(ids.amount, ctx, kid(ac, RAM, 'ActualAmount') !== undefined);
  if (ids.category) {
    const category = ids.category;
    r.check(category, ctx, () =>
      kids(ac, RAM, 'CategoryTradeTax').some(
        (t) =>
          upper(kids(t, RAM, 'TypeCode')) === 'VAT' &&
          kid(t, RAM, 'CategoryCode') !== undefined,
      ),
    );
  }
  const reason =
    kid(ac, RAM, 'Reason') !== undefined ||
    kid(ac, RAM, 'ReasonCode') !== undefined;
  r.ok(ids.reason, ctx, reason);
  r.ok(ids.reasonOrCode, ctx, reason);
  r.check(
    ids.amountDecimals,
    ctx,
    () =>
      decimalsAfterPoint(str(kids(ac, RAM, 'ActualAmount').slice(0, 1))) <= 2,
  );
  r.check(
    ids.baseDecimals,
    ctx,
    () => decimalsAfterPoint(str(kids(ac, RAM, 'BasisAmount'))) <= 2,
  );
}
