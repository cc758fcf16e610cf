import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registrations1763900000100 implements MigrationInterface {
  name = 'Registrations1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operator_credential (
        company_id text NOT NULL,
        operator text NOT NULL,
        encrypted_key text NOT NULL,
        key_hint text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, operator)
      )`);
    await q.query(`
      CREATE TABLE service_registration (
        company_id text NOT NULL,
        operator text NOT NULL,
        service text NOT NULL,
        registration_id uuid NOT NULL,
        active boolean NOT NULL,
        system_message text NOT NULL,
        requested_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, operator, service)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_registration');
    await q.query('DROP TABLE operator_credential');
  }
}
