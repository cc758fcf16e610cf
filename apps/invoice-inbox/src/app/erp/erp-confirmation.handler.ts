import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ErpIncomingInvoiceRecorded } from '@hub/contracts';
import { JetStreamContext, PermanentMessageError } from '@hub/messaging';
import { DocumentsRepository } from '../documents/documents.repository';
import { ErpDelivery } from '../publication/erp-delivery.entity';
import { ErpSetting } from './erp-setting.entity';
import { RequestPurchaseInvoiceUseCase } from './request-purchase-invoice.usecase';

/**
 * The ERP confirms it recorded a published document: the document moves to in-erp (once),
 * and with the company's "create purchase invoice automatically" setting the purchase invoice
 * is requested in the same transaction. A redelivery finds the document in-erp and does nothing.
 */
@Controller()
export class ErpConfirmationHandler {
  private readonly logger = new Logger('ErpConfirmation');

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly purchaseInvoices: RequestPurchaseInvoiceUseCase,
  ) {}

  @EventPattern('erp.incoming-invoice.recorded.v1')
  async onRecorded(@Payload() event: ErpIncomingInvoiceRecorded, @Ctx() ctx: JetStreamContext): Promise<void> {
    const manager = ctx.manager;
    const doc = await this.documents.lock(manager, event.companyId, event.documentId);
    if (!doc) throw new PermanentMessageError(`document ${event.documentId} is unknown for company ${event.companyId}`);
    const delivery = await manager.getRepository(ErpDelivery).findOneBy({ documentId: doc.id, companyId: doc.companyId });
    if (!delivery) throw new PermanentMessageError(`document ${event.documentId} was never published (state ${doc.state})`);
    if (delivery.recordedAt) {
      if (delivery.erpRecordId !== event.erpRecordId) {
        this.logger.warn(`document ${doc.id} recorded again as ${event.erpRecordId}; keeping the first record ${delivery.erpRecordId}`);
      }
      return;
    }
    await manager.update(
      ErpDelivery,
      { documentId: doc.id },
      { erpRecordId: event.erpRecordId, erpRecordNumber: event.erpRecordNumber ?? null, recordedAt: new Date(event.recordedAt), recordedMessageId: ctx.messageId },
    );
    await this.documents.transition(manager, doc.companyId, doc.id, 'in-erp', { actor: 'erp', reason: `ERP record ${event.erpRecordId}` });
    const setting = await manager.getRepository(ErpSetting).findOneBy({ companyId: doc.companyId });
    if (setting?.autoCreatePurchaseInvoice) {
      await this.purchaseInvoices.execute(manager, {
        companyId: doc.companyId,
        documentId: doc.id,
        erpRecordId: event.erpRecordId,
        kind: 'purchase-invoice',
        trigger: 'automatic',
      });
    }
  }
}
