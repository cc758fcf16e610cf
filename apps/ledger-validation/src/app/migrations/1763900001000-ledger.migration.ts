import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Settings, versioned rule sets, entries with rows, failures, the status audit trail, runs and ERP names. */
export class Ledger1763900001000 implements MigrationInterface {
  name = 'Ledger1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company_settings (
        company_id text PRIMARY KEY,
        time_zone text NOT NULL DEFAULT 'Europe/Tallinn',
        nightly_time text NOT NULL DEFAULT '02:00',
        nightly_enabled boolean NOT NULL DEFAULT true,
        validate_on_arrival boolean,
        notify_emails text[] NOT NULL DEFAULT '{}',
        summary_columns jsonb NOT NULL DEFAULT '[{"type":"account-number"},{"type":"account-name"}]',
        last_nightly_date date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE rule_set (
        company_id text NOT NULL,
        version int NOT NULL,
        effective_from date NOT NULL,
        rules jsonb NOT NULL,
        comment text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, version)
      )`);
    await q.query(`
      CREATE TABLE journal_entry (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        number text NOT NULL,
        entry_date date NOT NULL,
        description text,
        source text,
        status text NOT NULL DEFAULT 'unconfirmed' CHECK (status IN ('unconfirmed', 'confirmed', 'locked')),
        content_hash text NOT NULL,
        row_count int NOT NULL,
        total_debit numeric(19,4) NOT NULL,
        erp_changed_at timestamptz,
        pending_update jsonb,
        pending_update_at timestamptz,
        validated_at timestamptz,
        validated_version int,
        failure_count int NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (company_id, number)
      )`);
    await q.query(`CREATE INDEX journal_entry_status ON journal_entry (company_id, status, id)`);
    await q.query(`CREATE INDEX journal_entry_date ON journal_entry (company_id, entry_date, number)`);
    await q.query(`
      CREATE TABLE journal_row (
        entry_id uuid NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
        row_no int NOT NULL,
        account_number text NOT NULL,
        account_name text,
        debit numeric(19,4) NOT NULL,
        credit numeric(19,4) NOT NULL,
        vat_code text,
        vat_name text,
        partner_kind text,
        partner_code text,
        partner_name text,
        partner_reg_code text,
        description text,
        project_groups text[] NOT NULL,
        project_codes text[] NOT NULL,
        PRIMARY KEY (entry_id, row_no)
      )`);
    await q.query(`
      CREATE TABLE entry_failure (
        entry_id uuid NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
        seq int NOT NULL,
        company_id text NOT NULL,
        row_no int NOT NULL,
        account_number text NOT NULL,
        missing_group text,
        rule_kind text NOT NULL,
        rule_number int,
        rule_set_version int NOT NULL,
        run_id uuid,
        PRIMARY KEY (entry_id, seq)
      )`);
    await q.query(`
      CREATE TABLE status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        company_id text NOT NULL,
        entry_id uuid NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX status_change_entry ON status_change (entry_id, seq)`);
    await q.query(`
      CREATE TABLE validation_run (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        trigger text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        checked int NOT NULL DEFAULT 0,
        confirmed int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        failures int NOT NULL DEFAULT 0,
        mail_status text,
        error text
      )`);
    await q.query(`CREATE INDEX validation_run_company ON validation_run (company_id, started_at DESC)`);
    await q.query(`
      CREATE TABLE ledger_account (
        company_id text NOT NULL, number text NOT NULL, name text NOT NULL,
        deleted boolean NOT NULL DEFAULT false, changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, number)
      )`);
    await q.query(`
      CREATE TABLE project_group (
        company_id text NOT NULL, code text NOT NULL, name text NOT NULL,
        deleted boolean NOT NULL DEFAULT false, changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, code)
      )`);
    await q.query(`
      CREATE TABLE project (
        company_id text NOT NULL, group_code text NOT NULL, code text NOT NULL, name text NOT NULL,
        deleted boolean NOT NULL DEFAULT false, changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, group_code, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['project', 'project_group', 'ledger_account', 'validation_run', 'status_change', 'entry_failure', 'journal_row', 'journal_entry', 'rule_set', 'company_settings']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
