import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox_message.retry_at`: a row whose publish failed waits before a claim takes it again
 * (1 s, doubling per attempt, at most 60 s). Claims take rows in `seq` order; without the wait,
 * a batch's worth of rows that can never be published (a subject no stream captures, a
 * payload over the server's limit) would be claimed first every time, and hold back every
 * row written after them.
 */
export class MessagingOutboxRetry1763900000200 implements MigrationInterface {
  name = 'MessagingOutboxRetry1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN retry_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message DROP COLUMN retry_at`);
  }
}
