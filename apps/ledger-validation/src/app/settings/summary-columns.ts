/** Columns the summary ("koond") report can be laid out with, in the company's chosen order. */
export const SUMMARY_COLUMN_TYPES = [
  'project-group',
  'customer',
  'account-number',
  'account-name',
  'vat-code',
  'vat-name',
  'registration-code',
  'empty',
] as const;
export type SummaryColumnType = (typeof SUMMARY_COLUMN_TYPES)[number];

export interface SummaryColumn {
  type: SummaryColumnType;
  /** The project group shown in a `project-group` column. */
  group?: string;
  /** Header text; defaults to the column's name (or the project group's name from the ERP). */
  title?: string;
}

export const DEFAULT_SUMMARY_COLUMNS: SummaryColumn[] = [{ type: 'account-number' }, { type: 'account-name' }];
