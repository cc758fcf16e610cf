import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentsRepository } from '../documents/documents.repository';
import { ErpDelivery } from '../publication/erp-delivery.entity';
import type { PurchaseInvoiceRequestDto, PurchaseInvoiceRequestView, RegisterEntry, RegisterQuery } from './erp.dto';
import { PurchaseInvoiceRequest } from './purchase-invoice-request.entity';
import { RequestPurchaseInvoiceUseCase } from './request-purchase-invoice.usecase';

/** The ERP's register of incoming e-invoices: what was published to it, and what it recorded. */
@Injectable()
export class ErpRegisterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly purchaseInvoices: RequestPurchaseInvoiceUseCase,
  ) {}

  async list(companyId: string, q: RegisterQuery): Promise<RegisterEntry[]> {
    const qb = this.dataSource.getRepository(ErpDelivery).createQueryBuilder('e').where('e.company_id = :companyId', { companyId });
    if (q.state === 'published') qb.andWhere('e.recorded_at IS NULL');
    if (q.state === 'in-erp') qb.andWhere('e.recorded_at IS NOT NULL');
    if (q.since) qb.andWhere('e.published_at >= :since', { since: q.since });
    const rows = await qb
      .orderBy('e.published_at', 'ASC')
      .addOrderBy('e.document_id', 'ASC')
      .take(q.limit ?? 100)
      .skip(q.offset ?? 0)
      .getMany();
    const requests = await this.requestsOf(rows.map((r) => r.documentId));
    return rows.map((r) => entry(r, requests.get(r.documentId) ?? []));
  }

  async get(companyId: string, documentId: string): Promise<RegisterEntry> {
    const row = await this.dataSource.getRepository(ErpDelivery).findOneBy({ companyId, documentId });
    if (!row) throw new NotFoundException(`Document ${documentId} is not in the incoming e-invoice register`);
    return entry(row, (await this.requestsOf([documentId])).get(documentId) ?? []);
  }

  /** The ERP (or a person) asks for a purchase invoice or prepayment from a recorded document. */
  request(companyId: string, documentId: string, dto: PurchaseInvoiceRequestDto, actor: string): Promise<PurchaseInvoiceRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.documents.lock(manager, companyId, documentId);
      const delivery = doc ? await manager.getRepository(ErpDelivery).findOneBy({ companyId, documentId }) : null;
      if (!doc || !delivery) throw new NotFoundException(`Document ${documentId} is not in the incoming e-invoice register`);
      if (!delivery.erpRecordId) {
        throw new ConflictException(`Document ${documentId} is published but not yet recorded by the ERP; a purchase invoice needs the ERP record`);
      }
      const { request, created } = await this.purchaseInvoices.execute(manager, {
        companyId,
        documentId,
        erpRecordId: delivery.erpRecordId,
        kind: dto.kind,
        trigger: 'api',
        requestedBy: actor,
        amount: dto.amount,
      });
      return {
        documentId,
        kind: request.kind,
        trigger: request.trigger,
        requestedBy: request.requestedBy,
        amount: request.amount,
        requestedAt: request.requestedAt.toISOString(),
        newlyRequested: created,
      };
    });
  }

  private async requestsOf(documentIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (documentIds.length === 0) return map;
    const rows = await this.dataSource
      .getRepository(PurchaseInvoiceRequest)
      .createQueryBuilder('p')
      .where('p.document_id IN (:...ids)', { ids: documentIds })
      .orderBy('p.kind')
      .getMany();
    for (const r of rows) map.set(r.documentId, [...(map.get(r.documentId) ?? []), r.kind]);
    return map;
  }
}

function entry(r: ErpDelivery, requests: string[]): RegisterEntry {
  return {
    documentId: r.documentId,
    state: r.recordedAt ? 'in-erp' : 'published',
    publishedAt: r.publishedAt.toISOString(),
    erpRecordId: r.erpRecordId,
    erpRecordNumber: r.erpRecordNumber,
    recordedAt: r.recordedAt?.toISOString() ?? null,
    purchaseInvoiceRequests: requests,
    document: r.payload,
  };
}
