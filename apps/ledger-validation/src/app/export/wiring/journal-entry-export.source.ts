import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExportableEntry, ExportableRow } from '../ports/exportable-entry';
import type { ExportableEntrySource } from '../ports/exportable-entry-source.port';

interface EntryRow {
  id: string;
  company_id: string;
  number: string;
  date: string;
  description: string | null;
  status: ExportableEntry['status'];
}

interface JournalRowRecord {
  account_number: string;
  account_name: string | null;
  debit: string;
  credit: string;
  vat_code: string | null;
  description: string | null;
  project_groups: string[];
  project_codes: string[];
  group_names: (string | null)[];
  project_names: (string | null)[];
}

/**
 * Reads entries for the export from the entries feature's tables (`journal_entry`,
 * `journal_row`) with the ERP's names of project groups and projects (`project_group`,
 * `project`). Amounts stay decimal strings from `numeric` to the wire.
 */
@Injectable()
export class JournalEntryExportSource implements ExportableEntrySource {
  constructor(private readonly dataSource: DataSource) {}

  async listConfirmedIds(companyId: string, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM journal_entry WHERE company_id = $1 AND status = 'confirmed' ORDER BY entry_date, number LIMIT $2`,
      [companyId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async load(companyId: string, entryId: string, manager: EntityManager = this.dataSource.manager): Promise<ExportableEntry | undefined> {
    const [entry] = (await manager.query(
      `SELECT id, company_id, number, to_char(entry_date, 'YYYY-MM-DD') AS date, description, status
       FROM journal_entry WHERE company_id = $1 AND id = $2`,
      [companyId, entryId],
    )) as EntryRow[];
    if (!entry) return undefined;
    const rows = (await manager.query(
      `SELECT r.account_number, r.account_name, r.debit::text AS debit, r.credit::text AS credit, r.vat_code, r.description,
              r.project_groups, r.project_codes,
              ARRAY(SELECT g.name FROM unnest(r.project_groups) WITH ORDINALITY u(code, i)
                    LEFT JOIN project_group g ON g.company_id = $2 AND g.code = u.code ORDER BY u.i) AS group_names,
              ARRAY(SELECT p.name FROM unnest(r.project_groups, r.project_codes) WITH ORDINALITY u(grp, code, i)
                    LEFT JOIN project p ON p.company_id = $2 AND p.group_code = u.grp AND p.code = u.code ORDER BY u.i) AS project_names
       FROM journal_row r WHERE r.entry_id = $1 ORDER BY r.row_no`,
      [entryId, companyId],
    )) as JournalRowRecord[];
    return {
      companyId: entry.company_id,
      entryId: entry.id,
      number: entry.number,
      date: entry.date,
      description: entry.description ?? '',
      status: entry.status,
      rows: rows.map(toRow),
    };
  }
}

function toRow(r: JournalRowRecord): ExportableRow {
  return {
    accountNumber: r.account_number,
    ...(r.account_name ? { accountName: r.account_name } : {}),
    debit: new Decimal(r.debit).toFixed(2),
    credit: new Decimal(r.credit).toFixed(2),
    ...(r.vat_code ? { vatCode: r.vat_code } : {}),
    ...(r.description ? { description: r.description } : {}),
    projects: r.project_groups.map((group, i) => {
      const groupName = r.group_names[i];
      const name = r.project_names[i];
      return { group, code: r.project_codes[i] ?? '', ...(groupName ? { groupName } : {}), ...(name ? { name } : {}) };
    }),
  };
}
