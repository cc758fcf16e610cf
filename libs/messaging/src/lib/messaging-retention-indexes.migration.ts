import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention purges of the outbox and the inbox find old rows through BRIN indexes on
 * the time the row was written, instead of B-trees on `published_at` / `processed_at`.
 *
 * Both tables are written in time order, which is what BRIN is for: a few pages of index
 * for any number of rows, where a B-tree over a week of events at 2,000/s would hold over
 * a billion entries. On every event's path the B-trees also cost an index insert each: the
 * relay's "published" mark inserted into the `published_at` index, the consumer's inbox
 * row into the `processed_at` one.
 */
export class MessagingRetentionIndexes1763900000100 implements MigrationInterface {
  name = 'MessagingRetentionIndexes1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_message_published_at`);
    await q.query(`CREATE INDEX outbox_message_created_at_brin ON outbox_message USING brin (created_at)`);
    await q.query(`DROP INDEX IF EXISTS inbox_message_processed_at`);
    await q.query(`CREATE INDEX inbox_message_processed_at_brin ON inbox_message USING brin (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS inbox_message_processed_at_brin`);
    await q.query(`CREATE INDEX inbox_message_processed_at ON inbox_message (processed_at)`);
    await q.query(`DROP INDEX IF EXISTS outbox_message_created_at_brin`);
    await q.query(`CREATE INDEX outbox_message_published_at ON outbox_message (published_at) WHERE published_at IS NOT NULL`);
  }
}
