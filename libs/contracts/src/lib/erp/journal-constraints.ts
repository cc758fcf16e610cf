import Decimal from 'decimal.js';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

/**
 * A signed decimal amount as a string (never a float): up to 15 integer digits and 4
 * decimals. Negative amounts are allowed because Estonian bookkeeping corrects with red
 * storno (a negative amount on the same side) rather than with a reversed row.
 */
export const AMOUNT_PATTERN = /^-?\d{1,15}(\.\d{1,4})?$/;

/** Codes of accounts, project groups and projects as the ERP spells them (no surrounding spaces). */
export const LEDGER_CODE_PATTERN = /^\S(.{0,62}\S)?$/u;

interface AmountRow {
  debit?: unknown;
  credit?: unknown;
}

/** Sums debits and credits of well-formed rows; undefined when a row's amounts are malformed. */
export function rowTotals(rows: readonly AmountRow[]): { debit: Decimal; credit: Decimal } | undefined {
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  for (const row of rows) {
    if (typeof row?.debit !== 'string' || typeof row.credit !== 'string') return undefined;
    if (!AMOUNT_PATTERN.test(row.debit) || !AMOUNT_PATTERN.test(row.credit)) return undefined;
    debit = debit.plus(row.debit);
    credit = credit.plus(row.credit);
  }
  return { debit, credit };
}

@ValidatorConstraint({ name: 'balancedRows' })
class BalancedRowsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!Array.isArray(value)) return true;
    const totals = rowTotals(value as AmountRow[]);
    // Malformed amounts are reported by the rows' own constraints, not twice here.
    return totals === undefined || totals.debit.equals(totals.credit);
  }

  defaultMessage(args: ValidationArguments): string {
    const totals = Array.isArray(args.value) ? rowTotals(args.value as AmountRow[]) : undefined;
    const detail = totals ? `: debits ${totals.debit.toFixed(2)} ≠ credits ${totals.credit.toFixed(2)}` : '';
    return `${args.property} must balance (the sum of debits must equal the sum of credits)${detail}`;
  }
}

/** The journal rows' debits and credits sum to the same amount (exact decimal arithmetic). */
export function IsBalanced(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({ target: target.constructor, propertyName: String(propertyName), options, validator: BalancedRowsConstraint });
}

@ValidatorConstraint({ name: 'oneProjectPerGroup' })
class OneProjectPerGroupConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!Array.isArray(value)) return true;
    const groups = value.map((p: unknown) => (p as { group?: unknown } | null)?.group);
    return new Set(groups).size === groups.length;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must carry at most one project per project group`;
  }
}

/** A row is booked to one project per group (one department, one cost centre, ...). */
export function OneProjectPerGroup(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: OneProjectPerGroupConstraint,
    });
}
