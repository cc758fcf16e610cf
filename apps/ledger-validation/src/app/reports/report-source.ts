import type { DataSource } from 'typeorm';
import type { EntryStatus } from '../entries/entry-input';
import { splitList } from '../shared/sql';

export interface ReportFilter {
  from?: string;
  to?: string;
  statuses?: EntryStatus[];
}

export interface ReportRow {
  row: number;
  accountNumber: string;
  accountName: string | null;
  debit: string;
  credit: string;
  vatCode: string | null;
  vatName: string | null;
  partnerKind: string | null;
  partnerName: string | null;
  registrationCode: string | null;
  groups: string[];
  codes: string[];
}

export interface ReportEntry {
  id: string;
  number: string;
  date: string;
  description: string | null;
  source: string | null;
  status: EntryStatus;
  rows: ReportRow[];
}

const BATCH_ENTRIES = 2_000;

/**
 * The company's entries in (date, number) order with their rows, in keyset-paged batches:
 * memory holds one batch whatever the size of the ledger, and no transaction or cursor
 * stays open while a slow client downloads.
 */
export async function* reportBatches(dataSource: DataSource, companyId: string, filter: ReportFilter): AsyncGenerator<ReportEntry[]> {
  let afterDate = '0001-01-01';
  let afterNumber = '';
  const params: unknown[] = [companyId];
  const where: string[] = [];
  if (filter.from) where.push(`AND entry_date >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`AND entry_date <= $${params.push(filter.to)}`);
  if (filter.statuses) where.push(`AND status = ANY($${params.push(filter.statuses)}::text[])`);
  const n = params.length;
  for (;;) {
    const entries = (await dataSource.query(
      `SELECT id, number, entry_date::text AS date, description, source, status FROM journal_entry
       WHERE company_id = $1 ${where.join(' ')} AND (entry_date, number) > ($${n + 1}::date, $${n + 2})
       ORDER BY entry_date, number LIMIT ${BATCH_ENTRIES}`,
      [...params, afterDate, afterNumber],
    )) as Omit<ReportEntry, 'rows'>[];
    if (entries.length === 0) return;
    const last = entries[entries.length - 1];
    if (last) {
      afterDate = last.date;
      afterNumber = last.number;
    }
    const rows = (await dataSource.query(
      `SELECT entry_id AS "entryId", row_no AS "row", account_number AS "accountNumber", account_name AS "accountName",
         debit::text AS debit, credit::text AS credit, vat_code AS "vatCode", vat_name AS "vatName", partner_kind AS "partnerKind",
         partner_name AS "partnerName", partner_reg_code AS "registrationCode",
         array_to_string(project_groups, E'\\x1f') AS groups, array_to_string(project_codes, E'\\x1f') AS codes
       FROM journal_row WHERE entry_id = ANY($1::uuid[]) ORDER BY entry_id, row_no`,
      [entries.map((e) => e.id)],
    )) as (Omit<ReportRow, 'groups' | 'codes'> & { entryId: string; groups: string; codes: string })[];
    const byEntry = new Map<string, ReportRow[]>();
    for (const raw of rows) {
      const r: ReportRow & { entryId: string } = { ...raw, groups: splitList(raw.groups), codes: splitList(raw.codes) };
      const list = byEntry.get(r.entryId);
      if (list) list.push(r);
      else byEntry.set(r.entryId, [r]);
    }
    yield entries.map((e) => ({ ...e, rows: byEntry.get(e.id) ?? [] }));
  }
}

/** Names from the ERP (chart of accounts, project groups) for headers and account-name cells. */
export async function erpNames(dataSource: DataSource, companyId: string): Promise<{ accounts: Map<string, string>; groups: Map<string, string> }> {
  const accounts = (await dataSource.query(`SELECT number, name FROM ledger_account WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    number: string;
    name: string;
  }[];
  const groups = (await dataSource.query(`SELECT code, name FROM project_group WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    code: string;
    name: string;
  }[];
  return { accounts: new Map(accounts.map((a) => [a.number, a.name])), groups: new Map(groups.map((g) => [g.code, g.name])) };
}
