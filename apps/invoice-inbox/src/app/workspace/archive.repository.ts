import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ArchiveItem, ArchivePage, ArchiveQuery } from './archive.dto';

interface Row {
  id: string;
  state: string;
  kind: string;
  channel: string;
  received_at: Date;
  supplier_name: string | null;
  supplier_contact_id: string | null;
  invoice_number: string | null;
  issue_date: string | null;
  currency: string | null;
  total_gross: string | null;
  decision: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  published_at: Date | null;
  recorded_at: Date | null;
  erp_record_id: string | null;
  requests: string[] | null;
  total: string;
}

/** The archive: every document of a company with its approval and its delivery to the ERP, filtered. */
@Injectable()
export class ArchiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(companyId: string, q: ArchiveQuery): Promise<ArchivePage> {
    const where: string[] = ['d.company_id = $1'];
    const params: unknown[] = [companyId];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.state) where.push(`d.state = ${bind(q.state)}`);
    if (q.approval === 'pending') where.push('a.document_id IS NULL');
    if (q.approval === 'approved' || q.approval === 'rejected') where.push(`a.decision = ${bind(q.approval)}`);
    if (q.erp === 'not-published') where.push('e.document_id IS NULL');
    if (q.erp === 'published') where.push('e.document_id IS NOT NULL AND e.recorded_at IS NULL');
    if (q.erp === 'in-erp') where.push('e.recorded_at IS NOT NULL');
    if (q.invoiceNumber) where.push(`d.invoice_number = ${bind(q.invoiceNumber)}`);
    if (q.issuedFrom) where.push(`d.issue_date >= ${bind(q.issuedFrom)}`);
    if (q.issuedTo) where.push(`d.issue_date <= ${bind(q.issuedTo)}`);
    if (q.supplier) {
      const like = bind(`%${q.supplier.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const exact = bind(q.supplier.toUpperCase().replace(/\s+/g, ''));
      const contact = bind(q.supplier);
      where.push(
        `(lower(d.supplier_name) LIKE ${like} OR d.supplier_vat_id = ${exact} OR d.supplier_registration_code = ${exact} OR c.supplier_contact_id = ${contact})`,
      );
    }
    const limit = bind(q.limit ?? 50);
    const offset = bind(q.offset ?? 0);
    const rows: Row[] = await this.dataSource.query(
      `SELECT d.id, d.state, d.kind, d.channel, d.received_at, d.supplier_name, c.supplier_contact_id, d.invoice_number,
              to_char(d.issue_date, 'YYYY-MM-DD') AS issue_date, d.currency, d.total_gross::text AS total_gross,
              a.decision, a.decided_by, a.decided_at, a.reason, e.published_at, e.recorded_at, e.erp_record_id,
              (SELECT array_agg(p.kind ORDER BY p.kind) FROM purchase_invoice_request p WHERE p.document_id = d.id) AS requests,
              count(*) OVER () AS total
         FROM document d
         LEFT JOIN document_coding c ON c.document_id = d.id
         LEFT JOIN document_approval a ON a.document_id = d.id
         LEFT JOIN erp_delivery e ON e.document_id = d.id
        WHERE ${where.join(' AND ')}
        ORDER BY d.received_at DESC, d.id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map(toItem), total: Number(rows[0]?.total ?? 0) };
  }
}

function toItem(r: Row): ArchiveItem {
  return {
    documentId: r.id,
    state: r.state,
    kind: r.kind,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    supplierName: r.supplier_name,
    supplierContactId: r.supplier_contact_id,
    invoiceNumber: r.invoice_number,
    issueDate: r.issue_date,
    currency: r.currency,
    totalGross: r.total_gross,
    approval: {
      decision: r.decision ?? 'pending',
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      reason: r.reason,
    },
    erp: {
      state: r.recorded_at ? 'in-erp' : r.published_at ? 'published' : 'not-published',
      publishedAt: r.published_at?.toISOString() ?? null,
      recordedAt: r.recorded_at?.toISOString() ?? null,
      erpRecordId: r.erp_record_id,
      purchaseInvoiceRequests: r.requests ?? [],
    },
  };
}
