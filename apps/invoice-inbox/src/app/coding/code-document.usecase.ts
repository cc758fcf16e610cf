import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DocumentsRepository } from '../documents/documents.repository';
import type { Document } from '../documents/document.entity';
import { MasterDataRepository } from '../master-data/master-data.repository';
import type { DocumentCodingInput } from './coding.model';
import type { CodingDto, CodingView } from './coding.dto';
import { CodingMasterDataLoader } from './coding-master-data.loader';
import { missingCoding, validateCoding } from './coding-validator';
import { DocumentCoding } from './document-coding.entity';
import { documentLines } from './document-lines';

/** States in which a document's coding may change. */
const CODABLE = new Set(['received', 'needs-attention', 'ready', 'approved']);

/**
 * Codes a document in the workspace: supplier contact (matched automatically unless chosen),
 * header and line accounts and objects, contract reference. The coding is checked against
 * the ERP's master data first; nothing is stored when anything is wrong (400 naming every
 * field). Recoding an approved document takes it back to ready: the approval was for another coding.
 */
@Injectable()
export class CodeDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly masterData: MasterDataRepository,
    private readonly loader: CodingMasterDataLoader,
  ) {}

  async execute(companyId: string, documentId: string, dto: CodingDto, actor: string): Promise<CodingView> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.documents.lock(manager, companyId, documentId);
      if (!doc) throw new NotFoundException(`Document ${documentId} not found`);
      if (!CODABLE.has(doc.state)) {
        throw new ConflictException(`Document ${documentId} is ${doc.state}; its coding can no longer change`);
      }
      const input: DocumentCodingInput = {
        supplierContactId: dto.supplierContactId ?? null,
        account: dto.account ?? null,
        dimensions: dto.dimensions ?? [],
        lines: dto.lines ?? [],
      };
      const lineIds = documentLines(doc.invoice).map((l) => l.lineId);
      const master = await this.loader.load(manager, companyId, input);
      const fields = validateCoding(input, new Set(lineIds), master);
      if (fields.length > 0) {
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Coding does not match the ERP master data', fields });
      }
      const supplier = input.supplierContactId
        ? { contactId: input.supplierContactId, matchedBy: 'manual' }
        : await this.autoMatch(manager, doc);
      await manager.getRepository(DocumentCoding).save({
        documentId,
        companyId,
        supplierContactId: supplier?.contactId ?? null,
        supplierMatchedBy: supplier?.matchedBy ?? null,
        account: input.account ?? null,
        dimensions: input.dimensions ?? [],
        lines: input.lines ?? [],
        updatedBy: actor,
        updatedAt: new Date(),
      });
      if (dto.contractReference !== undefined) {
        await manager.query(`UPDATE document SET contract_reference = $3, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`, [
          companyId,
          documentId,
          dto.contractReference,
        ]);
      }
      if (doc.state === 'approved') {
        await this.documents.transition(manager, companyId, documentId, 'ready', { actor, reason: 'coding changed after approval' });
        await manager.query(`DELETE FROM document_approval WHERE document_id = $1`, [documentId]);
      }
      return this.view(companyId, documentId, manager);
    });
  }

  /** The coding as stored, or (before any) the automatic supplier match and empty accounts. */
  async view(companyId: string, documentId: string, manager: EntityManager = this.dataSource.manager): Promise<CodingView> {
    const doc = await this.documents.findOne(companyId, documentId, manager);
    if (!doc) throw new NotFoundException(`Document ${documentId} not found`);
    const coding = await manager.getRepository(DocumentCoding).findOneBy({ companyId, documentId });
    const supplier = coding ? { contactId: coding.supplierContactId, matchedBy: coding.supplierMatchedBy } : await this.autoMatch(manager, doc);
    const input: DocumentCodingInput = { account: coding?.account ?? null, lines: coding?.lines ?? [] };
    return {
      documentId,
      state: doc.state,
      supplier: {
        contactId: supplier?.contactId ?? null,
        matchedBy: supplier?.matchedBy ?? null,
        name: doc.supplierName,
        registrationCode: doc.supplierRegistrationCode,
        vatId: doc.supplierVatId,
      },
      account: coding?.account ?? null,
      dimensions: coding?.dimensions ?? [],
      contractReference: doc.contractReference,
      lines: coding?.lines ?? [],
      missing: missingCoding(input, documentLines(doc.invoice).map((l) => l.lineId)),
      updatedBy: coding?.updatedBy ?? null,
      updatedAt: coding?.updatedAt.toISOString() ?? null,
    };
  }

  private async autoMatch(manager: EntityManager, doc: Document): Promise<{ contactId: string; matchedBy: string } | null> {
    const match = await this.masterData.matchSupplier(
      doc.companyId,
      { name: doc.supplierName, registrationCode: doc.supplierRegistrationCode, vatId: doc.supplierVatId },
      manager,
    );
    return match ? { contactId: match.contactId, matchedBy: match.matchedBy } : null;
  }
}
