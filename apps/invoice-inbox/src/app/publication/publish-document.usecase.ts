import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@hub/messaging';
import { DocumentsRepository } from '../documents/documents.repository';
import { derivedId } from './derived-id';
import { ErpDelivery } from './erp-delivery.entity';
import { loadPublicationInputs } from './publication-inputs.query';
import { buildPublishedEvent } from './published-event.builder';

export interface PublicationView {
  documentId: string;
  state: string;
  eventId: string;
  publishedAt: string;
  publishedBy: string;
  /** False when the document had been published already (a retried request): nothing new was sent. */
  newlyPublished: boolean;
}

/**
 * Publishes an approved document to the ERP: the state change (approved → published), the
 * delivery record and the `inbox.document.published.v1` outbox row commit in ONE transaction,
 * under the document's row lock. A retry, a second click or a restart finds the document
 * published and answers with the first publication; the event id is derived from the document,
 * so no path can put a second copy on the bus.
 */
@Injectable()
export class PublishDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(companyId: string, documentId: string, actor: string): Promise<PublicationView> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.documents.lock(manager, companyId, documentId);
      if (!doc) throw new NotFoundException(`Document ${documentId} not found`);
      // The delivery row is written with the move to published: only then can one exist.
      if (doc.state === 'published' || doc.state === 'in-erp') {
        const existing = await manager.getRepository(ErpDelivery).findOneBy({ documentId });
        if (existing) return view(existing, doc.state, false);
      }
      if (doc.state !== 'approved') {
        throw new ConflictException(`Document ${documentId} is ${doc.state}; only an approved document can be published`);
      }
      const inputs = await loadPublicationInputs(manager, companyId, documentId);
      const approval = inputs.approval?.decision === 'approved' ? inputs.approval : null;
      if (!approval) throw new ConflictException(`Document ${documentId} has no recorded approval`);
      const publishedAt = new Date();
      const event = buildPublishedEvent({ doc, ...inputs, approval, publishedBy: actor, publishedAt });
      const eventId = derivedId(`inbox.document.published:${documentId}`);
      const updated = await this.documents.transition(manager, companyId, documentId, 'published', { actor });
      const delivery: ErpDelivery = {
        documentId,
        companyId,
        eventId,
        payload: { ...event } as Record<string, unknown>,
        publishedBy: actor,
        publishedAt,
        erpRecordId: null,
        erpRecordNumber: null,
        recordedAt: null,
        recordedMessageId: null,
      };
      await manager.query(
        `INSERT INTO erp_delivery (document_id, company_id, event_id, payload, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [documentId, companyId, eventId, JSON.stringify(delivery.payload), actor, publishedAt],
      );
      await this.outbox.publish(manager, event, eventId);
      return view(delivery, updated.state, true);
    });
  }
}

function view(d: ErpDelivery, state: string, newlyPublished: boolean): PublicationView {
  return { documentId: d.documentId, state, eventId: d.eventId, publishedAt: d.publishedAt.toISOString(), publishedBy: d.publishedBy, newlyPublished };
}
