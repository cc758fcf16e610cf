import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The probe service's own tables: a business row per HTTP write, a row per handler application. */
export class ProbeTables1763900009000 implements MigrationInterface {
  name = 'ProbeTables1763900009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE probe_note (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        probe_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No unique key on purpose: a second application of one message shows up as a second row.
    await q.query(`
      CREATE TABLE probe_applied (
        id bigserial PRIMARY KEY,
        probe_id text NOT NULL,
        message_id text NOT NULL,
        company_id text NOT NULL,
        delivery int NOT NULL,
        sent_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX probe_applied_probe ON probe_applied (probe_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE probe_applied');
    await q.query('DROP TABLE probe_note');
  }
}
