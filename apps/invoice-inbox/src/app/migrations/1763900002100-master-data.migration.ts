import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-company copies of the ERP's accounts, dimensions (objects) and contacts. */
export class MasterData1763900002100 implements MigrationInterface {
  name = 'MasterData1763900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE master_account (
        company_id text NOT NULL,
        number text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        active boolean NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, number)
      )`);
    await q.query(`
      CREATE TABLE master_dimension (
        company_id text NOT NULL,
        dimension_type text NOT NULL,
        code text NOT NULL,
        dimension_type_name text,
        name text NOT NULL,
        active boolean NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, dimension_type, code)
      )`);
    await q.query(`
      CREATE TABLE master_contact (
        company_id text NOT NULL,
        contact_id text NOT NULL,
        name text NOT NULL,
        registration_code text,
        vat_id text,
        country_code text,
        roles text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        registration_key text,
        vat_key text,
        name_key text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, contact_id)
      )`);
    await q.query(`CREATE INDEX master_contact_registration_idx ON master_contact (company_id, registration_key)`);
    await q.query(`CREATE INDEX master_contact_vat_idx ON master_contact (company_id, vat_key)`);
    await q.query(`CREATE INDEX master_contact_name_idx ON master_contact (company_id, name_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['master_contact', 'master_dimension', 'master_account']) await q.query(`DROP TABLE ${table}`);
  }
}
