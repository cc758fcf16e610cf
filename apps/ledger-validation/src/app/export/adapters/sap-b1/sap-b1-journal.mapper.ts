import type { ExportableEntry, ExportableProject } from '../../ports/exportable-entry';
import { JsonDecimal } from '../decimal-json';

/** SAP B1 has five cost-accounting dimensions: CostingCode, CostingCode2 .. CostingCode5. */
export const SAP_DIMENSIONS = 5;
const COSTING_FIELDS = ['CostingCode', 'CostingCode2', 'CostingCode3', 'CostingCode4', 'CostingCode5'] as const;
/** OJDT.Memo and JDT1.LineMemo are 50 characters; Ref1..Ref3 are 100. */
const MEMO_MAX = 50;
const REF_MAX = 100;

export type SapJournalLine = {
  AccountCode: string;
  Debit: JsonDecimal;
  Credit: JsonDecimal;
  LineMemo?: string;
} & Partial<Record<(typeof COSTING_FIELDS)[number], string>>;

export interface SapJournalEntry {
  ReferenceDate: string;
  Memo: string;
  Reference: string;
  Reference2: string;
  JournalEntryLines: SapJournalLine[];
}

/**
 * Entry → SAP B1 `JournalEntries`. `Reference` (Ref1) carries the hub's export reference
 * that a retry looks up, since the Service Layer has no idempotency; the ERP's entry
 * number goes to Reference2 and the memo. Project groups map to the costing dimensions:
 * `dimensions` (group code → 1..5) when configured, otherwise the row's groups by code
 * fill dimensions 1..5 in order; groups beyond five are reported as a warning.
 */
export function toSapJournalEntry(
  entry: ExportableEntry,
  reference: string,
  dimensions: Record<string, number> | undefined,
): { journal: SapJournalEntry; warnings: string[] } {
  const dropped = new Set<string>();
  const lines = entry.rows.map((row): SapJournalLine => {
    const costing: Partial<Record<(typeof COSTING_FIELDS)[number], string>> = {};
    const sorted = [...row.projects].sort((a, b) => a.group.localeCompare(b.group));
    sorted.forEach((p: ExportableProject, i) => {
      const dimension = dimensions ? dimensions[p.group] : i + 1;
      const field = dimension ? COSTING_FIELDS[dimension - 1] : undefined;
      if (field && costing[field] === undefined) costing[field] = p.code;
      else dropped.add(p.groupName ?? p.group);
    });
    const memo = row.description ?? row.accountName;
    return {
      AccountCode: row.accountNumber,
      Debit: new JsonDecimal(row.debit),
      Credit: new JsonDecimal(row.credit),
      ...(memo ? { LineMemo: memo.slice(0, MEMO_MAX) } : {}),
      ...costing,
    };
  });
  return {
    journal: {
      ReferenceDate: entry.date,
      Memo: `${entry.number} ${entry.description}`.trim().slice(0, MEMO_MAX),
      Reference: reference.slice(0, REF_MAX),
      Reference2: entry.number.slice(0, REF_MAX),
      JournalEntryLines: lines,
    },
    warnings: dropped.size
      ? [`SAP B1 has ${SAP_DIMENSIONS} costing dimensions; project groups ${[...dropped].sort().join(', ')} have no dimension and were not sent`]
      : [],
  };
}
