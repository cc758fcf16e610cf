import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead-letter tables; every service lists this migration first. */
export class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        subject text NOT NULL,
        company_id text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_message_published_at ON outbox_message (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inbox_message (
        consumer text NOT NULL,
        message_id text NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await q.query(`CREATE INDEX inbox_message_processed_at ON inbox_message (processed_at)`);
    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer text NOT NULL,
        subject text NOT NULL,
        message_id text NOT NULL,
        company_id text,
        stream_sequence bigint,
        payload text NOT NULL,
        headers jsonb NOT NULL,
        reason text NOT NULL,
        error text NOT NULL,
        deliveries int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replay_attempts int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX dead_letter_open ON dead_letter (created_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE inbox_message');
    await q.query('DROP TABLE outbox_message');
  }
}
