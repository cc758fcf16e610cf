import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the export to external ledgers: credentials, batches, their items and the external-id map. */
export class LedgerExport1763900001100 implements MigrationInterface {
  name = 'LedgerExport1763900001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_credential (
        company_id text NOT NULL,
        target text NOT NULL CHECK (target IN ('xero', 'sage', 'sap-b1')),
        encrypted_credentials text NOT NULL,
        masked jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, target)
      )`);
    await q.query(`
      CREATE TABLE export_batch (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        target text NOT NULL CHECK (target IN ('xero', 'sage', 'sap-b1')),
        scope text NOT NULL CHECK (scope IN ('entry', 'all-confirmed')),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'waiting', 'done')),
        requested_by text,
        total int NOT NULL DEFAULT 0,
        exported int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        note text,
        resume_at timestamptz,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX export_batch_company_idx ON export_batch (company_id, created_at DESC)`);
    // The workers' claim query scans only unfinished batches.
    await q.query(`CREATE INDEX export_batch_open_idx ON export_batch (created_at) WHERE status <> 'done'`);
    await q.query(`
      CREATE TABLE export_item (
        batch_id uuid NOT NULL REFERENCES export_batch (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL,
        company_id text NOT NULL,
        position int NOT NULL,
        entry_number text,
        status text NOT NULL CHECK (status IN ('pending', 'exported', 'failed', 'skipped')),
        attempts int NOT NULL DEFAULT 0,
        external_id text,
        external_number text,
        error_class text CHECK (error_class IN ('retryable', 'needs-a-person', 'terminal')),
        error_message text,
        error_details jsonb,
        warnings jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_id, entry_id)
      )`);
    await q.query(`CREATE INDEX export_item_order_idx ON export_item (batch_id, position)`);
    await q.query(`
      CREATE TABLE entry_export (
        company_id text NOT NULL,
        target text NOT NULL,
        entry_id uuid NOT NULL,
        entry_number text NOT NULL,
        content_hash text NOT NULL,
        idempotency_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('in-flight', 'uncertain', 'not-created', 'exported')),
        external_id text,
        external_number text,
        batch_id uuid,
        last_error text,
        lease_until timestamptz,
        exported_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, target, entry_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entry_export');
    await q.query('DROP TABLE export_item');
    await q.query('DROP TABLE export_batch');
    await q.query('DROP TABLE export_credential');
  }
}
