import { ALLOWANCE_CHARGE_RULES } from './allowance-charge.rules';
import { BREAKDOWN_RULES } from './breakdown.rules';
import { CODE_LIST_RULES } from './code-list.rules';
import { DOCUMENT_RULES } from './document.rules';
import { LINE_RULES } from './line.rules';
import { PARTY_RULES } from './party.rules';
import type { Rule } from './rule-kit';
import {
  COUNT_RULES_FATAL,
  COUNT_RULES_WARNING,
  SUMMATION_SINGLE,
} from './syntax-count.rules';
import {
  AMOUNT_ATTRS,
  DOCUMENT_TYPE_CODE_ATTRS,
  DT_RULES,
  DT_WARNINGS,
  ID_ATTRS,
  ID_NO_SCHEME,
  LINE_CATEGORY_ATTRS,
  QUANTITY_ATTRS,
  ROOT_ATTRS,
  TYPE_CODE_ATTRS,
} from './syntax-dt.rules';
import { ABSENT } from './syntax.rules';
import { TOTALS_RULES } from './totals.rules';
import { VAT_BREAKDOWN_RULES } from './vat-breakdown.rules';
import { VAT_CATEGORY_RULES } from './vat-category.rules';

/**
 * Every assertion of the EN 16931 CII rules this rule set knows, with its flag: the inventory
 * the conformance spec compares with the official rule list (duplicates in the official list,
 * such as CII-SR-184 / 193 on the same path, are separate entries here too).
 */
export const CII_RULE_INVENTORY: readonly Rule[] = [
  ...Object.values<Rule>(DOCUMENT_RULES),
  ...Object.values<Rule>(TOTALS_RULES),
  ...Object.values<Rule>(ALLOWANCE_CHARGE_RULES),
  ...Object.values<Rule>(LINE_RULES),
  ...Object.values<Rule>(PARTY_RULES),
  ...Object.values<Rule>(VAT_CATEGORY_RULES),
  ...Object.values<Rule>(VAT_BREAKDOWN_RULES),
  ...Object.values<Rule>(BREAKDOWN_RULES),
  ...Object.values<Rule>(CODE_LIST_RULES),
  ...Object.values(ABSENT).flatMap((t) => t.rules),
  ...Object.values<Rule>(COUNT_RULES_FATAL),
  ...Object.values<Rule>(COUNT_RULES_WARNING),
  ...SUMMATION_SINGLE.map(([rule]) => rule),
  ...[
    ID_NO_SCHEME,
    ID_ATTRS,
    TYPE_CODE_ATTRS,
    DOCUMENT_TYPE_CODE_ATTRS,
    LINE_CATEGORY_ATTRS,
    AMOUNT_ATTRS,
    QUANTITY_ATTRS,
    ROOT_ATTRS,
  ].flatMap((list) => list.map((a) => a.rule)),
  ...Object.values<Rule>(DT_RULES),
  ...Object.values<Rule>(DT_WARNINGS),
];
