import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListEntriesQuery } from './entries.dto';

/** Read side of entries for the API (lists, one entry with rows and failures, audit trail). */
@Injectable()
export class EntriesQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(companyId: string, q: ListEntriesQuery): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [companyId];
    const where = ['company_id = $1'];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('status = ?', q.status);
    if (q.from) add('entry_date >= ?', q.from);
    if (q.to) add('entry_date <= ?', q.to);
    if (q.after) add('number > ?', q.after);
    return (await this.dataSource.query(
      `SELECT id, number, entry_date::text AS date, description, source, status, row_count AS "rowCount", total_debit::text AS "totalDebit",
         failure_count AS "failureCount", validated_version AS "ruleSetVersion", validated_at AS "validatedAt",
         pending_update IS NOT NULL AS "pendingErpUpdate", updated_at AS "updatedAt"
       FROM journal_entry WHERE ${where.join(' AND ')} ORDER BY number LIMIT ${q.limit ?? 100}`,
      params,
    )) as Record<string, unknown>[];
  }

  async get(companyId: string, number: string): Promise<Record<string, unknown>> {
    const [entry] = (await this.dataSource.query(
      `SELECT id, number, entry_date::text AS date, description, source, status, row_count AS "rowCount", total_debit::text AS "totalDebit",
         failure_count AS "failureCount", validated_version AS "ruleSetVersion", validated_at AS "validatedAt",
         pending_update IS NOT NULL AS "pendingErpUpdate", pending_update_at AS "pendingErpUpdateAt", updated_at AS "updatedAt"
       FROM journal_entry WHERE company_id = $1 AND number = $2`,
      [companyId, number],
    )) as { id: string }[];
    if (!entry) throw new NotFoundException(`no journal entry ${number}`);
    const rows = (await this.dataSource.query(
      `SELECT row_no AS "row", account_number AS "accountNumber", account_name AS "accountName", debit::text AS debit, credit::text AS credit,
         vat_code AS "vatCode", vat_name AS "vatName", partner_kind AS "partnerKind", partner_name AS "partnerName",
         partner_reg_code AS "registrationCode", project_groups AS "projectGroups", project_codes AS "projectCodes"
       FROM journal_row WHERE entry_id = $1 ORDER BY row_no`,
      [entry.id],
    )) as Record<string, unknown>[];
    const failures = (await this.dataSource.query(
      `SELECT row_no AS "row", account_number AS "accountNumber", missing_group AS "missingGroup", rule_kind AS "ruleKind",
         rule_number AS "ruleNumber", rule_set_version AS "ruleSetVersion"
       FROM entry_failure WHERE entry_id = $1 ORDER BY seq`,
      [entry.id],
    )) as Record<string, unknown>[];
    return { ...entry, rows, failures };
  }

  async history(companyId: string, number: string): Promise<Record<string, unknown>[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.from_status AS "from", s.to_status AS "to", s.actor AS "who", s.changed_at AS "when", s.reason AS "why"
       FROM status_change s JOIN journal_entry e ON e.id = s.entry_id
       WHERE e.company_id = $1 AND e.number = $2 ORDER BY s.seq`,
      [companyId, number],
    )) as Record<string, unknown>[];
    if (rows.length === 0) throw new NotFoundException(`no journal entry ${number}`);
    return rows;
  }
}
