import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { plainToInstance } from 'class-transformer';
import { InboxPurchaseInvoiceRequested, type PurchaseInvoiceKind, type PurchaseInvoiceTrigger } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { derivedId } from '../publication/derived-id';
import { PurchaseInvoiceRequest } from './purchase-invoice-request.entity';

export interface PurchaseInvoiceAsk {
  companyId: string;
  documentId: string;
  erpRecordId: string;
  kind: PurchaseInvoiceKind;
  trigger: PurchaseInvoiceTrigger;
  requestedBy?: string;
  amount?: string;
}

/**
 * Asks the ERP (through `inbox.purchase-invoice.requested.v1`) to create a purchase invoice
 * or a prepayment from a recorded document, at most once per document and kind: the request
 * row's key makes a second ask (a redelivered confirmation, a repeated API call) a no-op that
 * returns the first request. Runs in the caller's transaction.
 */
@Injectable()
export class RequestPurchaseInvoiceUseCase {
  constructor(private readonly outbox: OutboxWriter) {}

  async execute(manager: EntityManager, ask: PurchaseInvoiceAsk): Promise<{ request: PurchaseInvoiceRequest; created: boolean }> {
    const eventId = derivedId(`inbox.purchase-invoice.requested:${ask.documentId}:${ask.kind}`);
    const requestedAt = new Date();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO purchase_invoice_request (document_id, kind, company_id, trigger, requested_by, amount, event_id, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING document_id`,
      [ask.documentId, ask.kind, ask.companyId, ask.trigger, ask.requestedBy ?? null, ask.amount ?? null, eventId, requestedAt],
    );
    if (inserted.length > 0) {
      await this.outbox.publish(
        manager,
        plainToInstance(InboxPurchaseInvoiceRequested, {
          companyId: ask.companyId,
          documentId: ask.documentId,
          erpRecordId: ask.erpRecordId,
          kind: ask.kind,
          trigger: ask.trigger,
          requestedBy: ask.requestedBy,
          amount: ask.amount,
          requestedAt: requestedAt.toISOString(),
        }),
        eventId,
      );
    }
    const request = await manager.getRepository(PurchaseInvoiceRequest).findOneByOrFail({ documentId: ask.documentId, kind: ask.kind });
    return { request, created: inserted.length > 0 };
  }
}
