import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inbound1763900000200 implements MigrationInterface {
  name = 'Inbound1763900000200';

  async up(q: QueryRunner): Promise<void> {
    // The endpoints a company receives under, per operator; one company per endpoint.
    await q.query(`
      CREATE TABLE receiver_endpoint (
        operator text NOT NULL,
        endpoint_id text NOT NULL,
        company_id text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (operator, endpoint_id)
      )`);
    await q.query('CREATE INDEX receiver_endpoint_company ON receiver_endpoint (company_id)');
    // One row per operator document taken over: a redelivery finds it and is not emitted again.
    await q.query(`
      CREATE TABLE inbound_receipt (
        operator text NOT NULL,
        operator_document_id text NOT NULL,
        company_id text NOT NULL,
        kind text NOT NULL,
        receiver_endpoint_id text NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        acked_at timestamptz,
        deliveries integer NOT NULL DEFAULT 1,
        PRIMARY KEY (operator, operator_document_id)
      )`);
    await q.query('CREATE INDEX inbound_receipt_company ON inbound_receipt (company_id, recorded_at DESC)');
    // Documents the gateway could not take over (left unacknowledged at the operator).
    await q.query(`
      CREATE TABLE inbound_attention (
        operator text NOT NULL,
        operator_document_id text NOT NULL,
        company_id text,
        kind text NOT NULL,
        receiver_endpoint_id text NOT NULL,
        receiver_scheme text,
        reason text NOT NULL,
        message text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 1,
        resolved_at timestamptz,
        PRIMARY KEY (operator, operator_document_id)
      )`);
    // Files too big to travel inline, served at the event's fetchUrl (capability URL: id + secret token).
    await q.query(`
      CREATE TABLE inbound_file (
        id uuid PRIMARY KEY,
        token_sha256 text NOT NULL,
        operator text NOT NULL,
        operator_document_id text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX inbound_attention_open ON inbound_attention (company_id, last_seen_at DESC) WHERE resolved_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbound_file');
    await q.query('DROP TABLE inbound_attention');
    await q.query('DROP TABLE inbound_receipt');
    await q.query('DROP TABLE receiver_endpoint');
  }
}
