import type { ExportableEntry } from '../../ports/exportable-entry';
import { JsonDecimal } from '../decimal-json';

export interface SageJournalLine {
  ledger_account_id: string;
  debit: JsonDecimal;
  credit: JsonDecimal;
  details?: string;
}

export interface SageJournalBody {
  journal: {
    date: string;
    reference: string;
    description: string;
    journal_lines: SageJournalLine[];
    idempotency_id: string;
  };
}

/**
 * Entry → Sage `POST /journals` body. Sage journal lines have no dimension fields in
 * the documented contract, so the row's projects travel in `details` (readable in Sage's
 * journal view) and nothing is lost. `ledgerAccountIds` maps the ERP account number to
 * Sage's ledger account id (looked up by nominal code).
 */
export function toSageJournal(entry: ExportableEntry, ledgerAccountIds: ReadonlyMap<string, string>, idempotencyId: string): SageJournalBody {
  return {
    journal: {
      date: entry.date,
      reference: entry.number,
      description: entry.description || entry.number,
      journal_lines: entry.rows.map((row) => {
        const projects = [...row.projects]
          .sort((a, b) => a.group.localeCompare(b.group))
          .map((p) => `${p.groupName ?? p.group}: ${p.name ?? p.code}`)
          .join('; ');
        const details = [row.description ?? row.accountName, projects ? `[${projects}]` : ''].filter(Boolean).join(' ');
        return {
          ledger_account_id: ledgerAccountIds.get(row.accountNumber) ?? '',
          debit: new JsonDecimal(row.debit),
          credit: new JsonDecimal(row.credit),
          ...(details ? { details } : {}),
        };
      }),
      idempotency_id: idempotencyId,
    },
  };
}
