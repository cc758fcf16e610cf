/**
 * Helpers shared by the native rule sets (EN 16931 UBL / CII, Peppol): XPath-equivalent string and
 * cast functions, exact decimal arithmetic with the rules' rounding, xs:date, and the code lists.
 * Exports here are kept stable for the other rule sets.
 */
export * from './code-lists';
export * from './date.util';
export * from './decimal.util';
export * from './decimal-sum.util';
export * from './xpath.util';
