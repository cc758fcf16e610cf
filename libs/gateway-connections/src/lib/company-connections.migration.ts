import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CompanyConnections1763900000200 implements MigrationInterface {
  name = 'CompanyConnections1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company_connection (
        company_id text NOT NULL,
        operator text NOT NULL,
        connected boolean NOT NULL,
        services jsonb NOT NULL,
        registration_id uuid NOT NULL,
        registered_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, operator)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE company_connection');
  }
}
