import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's document model: documents with their state machine, every receipt of a
 * document (one per delivery, from any channel), the original files, content-addressed
 * original bytes, the recorded transitions, the duplicate-detection keys and the
 * per-company inbound e-mail addresses.
 */
export class Documents1763900002000 implements MigrationInterface {
  name = 'Documents1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('received', 'needs-attention', 'ready', 'approved', 'published', 'in-erp', 'rejected')),
        channel text NOT NULL,
        received_at timestamptz NOT NULL,
        kind text NOT NULL,
        type_code text,
        syntax text,
        profile text,
        supplier_name text,
        supplier_identifier text,
        supplier_vat_id text,
        supplier_registration_code text,
        invoice_number text,
        issue_date date,
        due_date date,
        currency text,
        total_net numeric(19, 4),
        total_vat numeric(19, 4),
        total_gross numeric(19, 4),
        amount_due numeric(19, 4),
        buyer_reference text,
        order_reference text,
        contract_reference text,
        invoice jsonb,
        findings jsonb NOT NULL DEFAULT '[]'::jsonb,
        fingerprint text,
        receipt_count integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_company_received_idx ON document (company_id, received_at DESC, id)`);
    await q.query(`CREATE INDEX document_company_state_idx ON document (company_id, state)`);
    await q.query(`CREATE INDEX document_company_supplier_idx ON document (company_id, lower(supplier_name))`);

    // Duplicate detection: one row per key (fingerprint or content hash) and company. The
    // primary key is what makes concurrent deliveries of the same invoice converge.
    await q.query(`
      CREATE TABLE document_key (
        company_id text NOT NULL,
        key text NOT NULL,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, key)
      )`);
    await q.query(`CREATE INDEX document_key_document_idx ON document_key (document_id)`);

    await q.query(`
      CREATE TABLE document_receipt (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        channel text NOT NULL,
        received_at timestamptz NOT NULL,
        matched_by text NOT NULL,
        external_ref text,
        source jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_receipt_document_idx ON document_receipt (document_id, received_at)`);
    await q.query(`CREATE INDEX document_receipt_company_channel_idx ON document_receipt (company_id, channel, received_at)`);

    await q.query(`
      CREATE TABLE original_blob (
        company_id text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, sha256)
      )`);

    await q.query(`
      CREATE TABLE document_file (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        receipt_id uuid NOT NULL REFERENCES document_receipt (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        role text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_file_document_idx ON document_file (document_id, created_at)`);

    await q.query(`
      CREATE TABLE document_transition (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_transition_document_idx ON document_transition (document_id, id)`);

    await q.query(`
      CREATE TABLE inbound_address (
        address text PRIMARY KEY,
        company_id text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    // At most one working address per company; rotation retires the old one first.
    await q.query(`CREATE UNIQUE INDEX inbound_address_active_idx ON inbound_address (company_id) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['inbound_address', 'document_transition', 'document_file', 'original_blob', 'document_receipt', 'document_key', 'document']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
