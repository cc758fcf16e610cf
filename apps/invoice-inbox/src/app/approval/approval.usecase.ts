import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CodingMasterDataLoader } from '../coding/coding-master-data.loader';
import { missingCoding, validateCoding } from '../coding/coding-validator';
import { DocumentCoding } from '../coding/document-coding.entity';
import { documentLines } from '../coding/document-lines';
import { DocumentsRepository } from '../documents/documents.repository';
import type { Document } from '../documents/document.entity';
import { missingFields } from '../workspace/complete-document.usecase';
import type { ApprovalView } from './approval.dto';
import { DocumentApproval } from './document-approval.entity';

/**
 * Approve (who = the API token, when) or reject (with a reason). Approval re-checks the
 * coding against today's master data: an account deactivated in the ERP since the document
 * was coded blocks approval with the same field errors as coding does.
 */
@Injectable()
export class ApprovalUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly loader: CodingMasterDataLoader,
  ) {}

  approve(companyId: string, documentId: string, actor: string): Promise<ApprovalView> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.lockOrThrow(manager, companyId, documentId);
      const existing = await manager.getRepository(DocumentApproval).findOneBy({ documentId });
      // Approving twice (a retried request) answers with the first approval.
      if (doc.state === 'approved' && existing?.decision === 'approved') return view(doc, existing);
      if (doc.state !== 'ready') {
        throw new ConflictException(`Document ${documentId} is ${doc.state}; only a ready document can be approved`);
      }
      const fields = missingFields(doc).map((field) => ({ field, errors: [`${field} is required before approval`] }));
      const coding = await manager.getRepository(DocumentCoding).findOneBy({ companyId, documentId });
      const lineIds = documentLines(doc.invoice).map((l) => l.lineId);
      const input = coding ?? { account: null, lines: [] };
      fields.push(...missingCoding(input, lineIds));
      if (coding) fields.push(...validateCoding(coding, new Set(lineIds), await this.loader.load(manager, companyId, coding)));
      if (fields.length > 0) {
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'The document cannot be approved yet', fields });
      }
      const updated = await this.documents.transition(manager, companyId, documentId, 'approved', { actor });
      const approval = await this.decide(manager, doc, 'approved', actor, null);
      return view(updated, approval);
    });
  }

  reject(companyId: string, documentId: string, actor: string, reason: string): Promise<ApprovalView> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.lockOrThrow(manager, companyId, documentId);
      const existing = await manager.getRepository(DocumentApproval).findOneBy({ documentId });
      if (doc.state === 'rejected' && existing?.decision === 'rejected') return view(doc, existing);
      if (!['received', 'needs-attention', 'ready', 'approved'].includes(doc.state)) {
        throw new ConflictException(`Document ${documentId} is ${doc.state}; it can no longer be rejected`);
      }
      const updated = await this.documents.transition(manager, companyId, documentId, 'rejected', { actor, reason });
      return view(updated, await this.decide(manager, doc, 'rejected', actor, reason));
    });
  }

  /** Takes a rejected document back into work: ready when complete, else needs attention. */
  reopen(companyId: string, documentId: string, actor: string): Promise<Document> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.lockOrThrow(manager, companyId, documentId);
      if (doc.state !== 'rejected') throw new ConflictException(`Document ${documentId} is ${doc.state}; only a rejected document can be reopened`);
      await manager.delete(DocumentApproval, { documentId });
      const to = missingFields(doc).length === 0 ? 'ready' : 'needs-attention';
      return this.documents.transition(manager, companyId, documentId, to, { actor, reason: 'reopened' });
    });
  }

  private async lockOrThrow(manager: EntityManager, companyId: string, documentId: string): Promise<Document> {
    const doc = await this.documents.lock(manager, companyId, documentId);
    if (!doc) throw new NotFoundException(`Document ${documentId} not found`);
    return doc;
  }

  private async decide(
    manager: EntityManager,
    doc: Document,
    decision: 'approved' | 'rejected',
    actor: string,
    reason: string | null,
  ): Promise<DocumentApproval> {
    const row: DocumentApproval = { documentId: doc.id, companyId: doc.companyId, decision, decidedBy: actor, decidedAt: new Date(), reason };
    await manager.getRepository(DocumentApproval).save(row);
    return row;
  }
}

function view(doc: Document, a: DocumentApproval): ApprovalView {
  return { documentId: doc.id, state: doc.state, decision: a.decision, decidedBy: a.decidedBy, decidedAt: a.decidedAt.toISOString(), reason: a.reason };
}
