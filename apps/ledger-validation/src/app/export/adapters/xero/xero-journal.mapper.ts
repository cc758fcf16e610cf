import Decimal from 'decimal.js';
import type { ExportableEntry, ExportableProject } from '../../ports/exportable-entry';
import { JsonDecimal } from '../decimal-json';

/** Xero allows at most two active tracking categories per organisation. */
export const XERO_MAX_TRACKING = 2;

export interface XeroMappingOptions {
  /** Project-group codes to send as the two tracking categories, in order; default: the row's first two groups by code. */
  trackingGroups?: string[];
  /** ERP VAT code → Xero TaxType; unmapped codes send no TaxType. */
  taxTypes: Record<string, string>;
  status: 'POSTED' | 'DRAFT';
}

export interface XeroJournalLine {
  LineAmount: JsonDecimal;
  AccountCode: string;
  Description?: string;
  TaxType?: string;
  Tracking?: { Name: string; Option: string }[];
}

export interface XeroManualJournal {
  Narration: string;
  Date: string;
  Status: 'POSTED' | 'DRAFT';
  LineAmountTypes: 'NoTax';
  JournalLines: XeroJournalLine[];
}

/**
 * Entry → Xero ManualJournal. Debits are positive and credits negative LineAmounts;
 * `NoTax` because the ERP's entry already carries its VAT on its own rows. Project groups
 * become tracking categories (name = group name, option = project name). Groups beyond
 * the two Xero allows are not dropped silently: they are written into the line
 * description and reported as a warning on the export.
 */
export function toXeroManualJournal(entry: ExportableEntry, options: XeroMappingOptions): { journal: XeroManualJournal; warnings: string[] } {
  const overflow = new Set<string>();
  const lines = entry.rows.map((row): XeroJournalLine => {
    const { tracked, rest } = splitTracking(row.projects, options.trackingGroups);
    rest.forEach((p) => overflow.add(p.groupName ?? p.group));
    const base = row.description ?? row.accountName ?? entry.description;
    const extra = rest.length ? ` [${rest.map((p) => `${p.groupName ?? p.group}: ${p.name ?? p.code}`).join('; ')}]` : '';
    const taxType = row.vatCode ? options.taxTypes[row.vatCode] : undefined;
    return {
      LineAmount: new JsonDecimal(new Decimal(row.debit).minus(row.credit)),
      AccountCode: row.accountNumber,
      ...(base || extra ? { Description: `${base}${extra}`.trim() } : {}),
      ...(taxType ? { TaxType: taxType } : {}),
      ...(tracked.length ? { Tracking: tracked.map((p) => ({ Name: p.groupName ?? p.group, Option: p.name ?? p.code })) } : {}),
    };
  });
  const warnings = overflow.size
    ? [`Xero takes ${XERO_MAX_TRACKING} tracking categories; project groups ${[...overflow].sort().join(', ')} were written into the line descriptions instead`]
    : [];
  return {
    journal: {
      Narration: `${entry.number} ${entry.description}`.trim(),
      Date: entry.date,
      Status: options.status,
      LineAmountTypes: 'NoTax',
      JournalLines: lines,
    },
    warnings,
  };
}

function splitTracking(projects: ExportableProject[], chosen?: string[]): { tracked: ExportableProject[]; rest: ExportableProject[] } {
  const sorted = [...projects].sort((a, b) => a.group.localeCompare(b.group));
  const groups = chosen?.length ? chosen.slice(0, XERO_MAX_TRACKING) : sorted.slice(0, XERO_MAX_TRACKING).map((p) => p.group);
  const tracked = groups.map((g) => sorted.find((p) => p.group === g)).filter((p): p is ExportableProject => p !== undefined);
  return { tracked, rest: sorted.filter((p) => !tracked.includes(p)) };
}
