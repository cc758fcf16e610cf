import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workspace's side of a document: its coding (supplier contact, header and line accounts
 * and objects), comments, and the approval decision (who, when, why).
 */
export class Workspace1763900002110 implements MigrationInterface {
  name = 'Workspace1763900002110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_coding (
        document_id uuid PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        supplier_contact_id text,
        supplier_matched_by text,
        account text,
        dimensions jsonb NOT NULL DEFAULT '[]'::jsonb,
        lines jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE document_comment (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        author text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_comment_document_idx ON document_comment (document_id, created_at)`);
    await q.query(`
      CREATE TABLE document_approval (
        document_id uuid PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL,
        reason text
      )`);
    await q.query(`CREATE INDEX document_approval_company_idx ON document_approval (company_id, decision)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['document_approval', 'document_comment', 'document_coding']) await q.query(`DROP TABLE ${table}`);
  }
}
