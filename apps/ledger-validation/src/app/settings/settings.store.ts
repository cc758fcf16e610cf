import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_ENV } from '@hub/platform';
import type { LedgerValidationEnv } from '../ledger-validation.env';
import type { SettingsView, UpdateSettingsDto } from './settings.dto';
import type { SummaryColumn } from './summary-columns';

interface SettingsRow {
  companyId: string;
  timeZone: string;
  nightlyTime: string;
  nightlyEnabled: boolean;
  validateOnArrival: boolean | null;
  notifyEmails: string[];
  summaryColumns: SummaryColumn[];
  lastNightlyDate: string | null;
}

const SELECT = `SELECT company_id AS "companyId", time_zone AS "timeZone", nightly_time AS "nightlyTime",
  nightly_enabled AS "nightlyEnabled", validate_on_arrival AS "validateOnArrival", notify_emails AS "notifyEmails",
  summary_columns AS "summaryColumns", last_nightly_date::text AS "lastNightlyDate" FROM company_settings`;

/**
 * Per-company settings. A company gets its row (with defaults) the first time anything of
 * it arrives, so the nightly run covers every company with entries.
 */
@Injectable()
export class SettingsStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_ENV) private readonly env: LedgerValidationEnv,
  ) {}

  async get(companyId: string, manager: EntityManager = this.dataSource.manager): Promise<SettingsView> {
    await manager.query(`INSERT INTO company_settings (company_id) VALUES ($1) ON CONFLICT DO NOTHING`, [companyId]);
    const [row] = (await manager.query(`${SELECT} WHERE company_id = $1`, [companyId])) as SettingsRow[];
    if (!row) throw new Error(`settings of ${companyId} vanished`);
    return this.view(row);
  }

  async update(companyId: string, patch: UpdateSettingsDto): Promise<SettingsView> {
    await this.get(companyId);
    await this.dataSource.query(
      `UPDATE company_settings SET
         time_zone = COALESCE($2, time_zone),
         nightly_time = COALESCE($3, nightly_time),
         nightly_enabled = COALESCE($4, nightly_enabled),
         validate_on_arrival = CASE WHEN $5::boolean THEN $6::boolean ELSE validate_on_arrival END,
         notify_emails = COALESCE($7, notify_emails),
         summary_columns = COALESCE($8, summary_columns),
         updated_at = now()
       WHERE company_id = $1`,
      [
        companyId,
        patch.timeZone ?? null,
        patch.nightlyTime ?? null,
        patch.nightlyEnabled ?? null,
        patch.validateOnArrival !== undefined,
        patch.validateOnArrival ?? null,
        patch.notifyEmails ?? null,
        patch.summaryColumns ? JSON.stringify(patch.summaryColumns.map((c) => ({ ...c }))) : null,
      ],
    );
    return this.get(companyId);
  }

  /** Companies with the nightly run on, for the scheduler. */
  async nightlyCompanies(): Promise<SettingsView[]> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE nightly_enabled ORDER BY company_id`)) as SettingsRow[];
    return rows.map((r) => this.view(r));
  }

  async markNightlyDone(companyId: string, localDate: string): Promise<void> {
    await this.dataSource.query(`UPDATE company_settings SET last_nightly_date = $2 WHERE company_id = $1`, [companyId, localDate]);
  }

  private view(row: SettingsRow): SettingsView {
    return {
      ...row,
      validateOnArrivalEffective: row.validateOnArrival ?? this.env.LEDGER_VALIDATE_ON_ARRIVAL,
    };
  }
}
