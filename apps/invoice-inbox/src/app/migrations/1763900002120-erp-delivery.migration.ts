import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery to the ERP: one publication per document (the published payload is kept, it is
 * what the ERP register API serves), the ERP's confirmation, purchase-invoice requests (once
 * per document and kind), the company's ERP settings, and the sales-invoice register (once
 * per platform invoice, however often delivered).
 */
export class ErpDelivery1763900002120 implements MigrationInterface {
  name = 'ErpDelivery1763900002120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erp_delivery (
        document_id uuid PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
        company_id text NOT NULL,
        event_id uuid NOT NULL,
        payload jsonb NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        erp_record_id text,
        erp_record_number text,
        recorded_at timestamptz,
        recorded_message_id text
      )`);
    await q.query(`CREATE INDEX erp_delivery_company_published_idx ON erp_delivery (company_id, published_at, document_id)`);
    await q.query(`
      CREATE TABLE purchase_invoice_request (
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        kind text NOT NULL,
        company_id text NOT NULL,
        trigger text NOT NULL,
        requested_by text,
        amount numeric(19, 4),
        event_id uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        PRIMARY KEY (document_id, kind)
      )`);
    await q.query(`
      CREATE TABLE erp_setting (
        company_id text PRIMARY KEY,
        auto_create_purchase_invoice boolean NOT NULL DEFAULT false,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sales_invoice_register (
        id uuid PRIMARY KEY,
        company_id text NOT NULL,
        platform text NOT NULL,
        platform_id text NOT NULL,
        platform_invoice_id text NOT NULL,
        invoice_number text NOT NULL,
        issue_date date NOT NULL,
        currency text NOT NULL,
        gross_amount numeric(19, 4) NOT NULL,
        payload jsonb NOT NULL,
        deliveries integer NOT NULL DEFAULT 1,
        first_received_at timestamptz NOT NULL,
        last_received_at timestamptz NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Either key recognises a second delivery: the same number on the same platform account,
    // or the same platform invoice id.
    await q.query(
      `CREATE UNIQUE INDEX sales_invoice_number_idx ON sales_invoice_register (company_id, platform, platform_id, invoice_number)`,
    );
    await q.query(`CREATE UNIQUE INDEX sales_invoice_platform_id_idx ON sales_invoice_register (company_id, platform, platform_invoice_id)`);
    await q.query(`CREATE INDEX sales_invoice_company_registered_idx ON sales_invoice_register (company_id, registered_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sales_invoice_register', 'erp_setting', 'purchase_invoice_request', 'erp_delivery']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
