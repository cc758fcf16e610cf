import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { fingerprintOf } from '../digitise/fingerprint';
import { emptyHeader, normaliseId } from '../digitise/header-fields';
import { type DocumentFinding, hasFatal } from '../documents/document-finding';
import { DocumentsRepository } from '../documents/documents.repository';
import type { Document } from '../documents/document.entity';
import type { CompleteDocumentDto } from './workspace.dto';

const EDITABLE = new Set(['received', 'needs-attention', 'ready']);

/** Digitising's finding for fields a person must enter (see DigitiseService). */
const FIELDS_MISSING_RULE = 'INBOX-FIELDS-MISSING';

/** The finding that records a person's acceptance of the fatal validation findings. */
const ACCEPTED_RULE = 'INBOX-FINDINGS-ACCEPTED';

function findingsAccepted(findings: readonly DocumentFinding[]): boolean {
  return findings.some((f) => f.rule === ACCEPTED_RULE);
}

/** Header fields without which a document cannot be approved and published. */
export function missingFields(doc: Pick<Document, 'supplierName' | 'invoiceNumber' | 'issueDate' | 'currency' | 'totalGross'>): string[] {
  const missing: string[] = [];
  if (!doc.supplierName) missing.push('supplierName');
  if (!doc.invoiceNumber) missing.push('invoiceNumber');
  if (!doc.issueDate) missing.push('issueDate');
  if (!doc.currency) missing.push('currency');
  if (doc.totalGross === null || doc.totalGross === undefined) missing.push('totalGross');
  return missing;
}

const COLUMNS: Record<Exclude<keyof CompleteDocumentDto, 'acceptFindings'>, string> = {
  kind: 'kind',
  supplierName: 'supplier_name',
  supplierRegistrationCode: 'supplier_registration_code',
  supplierVatId: 'supplier_vat_id',
  invoiceNumber: 'invoice_number',
  issueDate: 'issue_date',
  dueDate: 'due_date',
  currency: 'currency',
  totalNet: 'total_net',
  totalVat: 'total_vat',
  totalGross: 'total_gross',
  amountDue: 'amount_due',
};

/**
 * A person completes or corrects a document's header fields. When every required field is
 * there (and fatal validation findings, if any, were accepted) a document waiting for
 * attention becomes ready.
 */
@Injectable()
export class CompleteDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
  ) {}

  async execute(companyId: string, documentId: string, dto: CompleteDocumentDto, actor: string): Promise<Document> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.documents.lock(manager, companyId, documentId);
      if (!doc) throw new NotFoundException(`Document ${documentId} not found`);
      if (!EDITABLE.has(doc.state)) {
        throw new ConflictException(`Document ${documentId} is ${doc.state}; its fields can no longer change (reopen or unapprove it first)`);
      }
      const entries: [string, string][] = Object.entries(COLUMNS).filter(([key]) => dto[key as keyof CompleteDocumentDto] !== undefined);
      if (dto.supplierVatId !== undefined || dto.supplierRegistrationCode !== undefined) {
        entries.push(['supplierIdentifier', 'supplier_identifier']);
      }
      if (entries.length > 0) {
        const sets = entries.map(([, column], i) => `${column} = $${i + 3}`).join(', ');
        await manager.query(`UPDATE document SET ${sets}, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`, [
          companyId,
          documentId,
          ...entries.map(([key]) =>
            key === 'supplierIdentifier'
              ? normaliseId(dto.supplierVatId ?? dto.supplierRegistrationCode ?? doc.supplierVatId ?? doc.supplierRegistrationCode)
              : dto[key as keyof CompleteDocumentDto],
          ),
        ]);
      }
      if (dto.acceptFindings && hasFatal(doc.findings) && !findingsAccepted(doc.findings)) {
        await this.documents.replaceFindings(manager, companyId, documentId, 'coding', [
          { source: 'coding', flag: 'info', rule: ACCEPTED_RULE, message: `fatal validation findings accepted after review by ${actor}` },
        ]);
      }
      let updated = (await this.documents.findOne(companyId, documentId, manager)) as Document;
      await this.refreshFingerprint(manager, updated);
      const missing = missingFields(updated);
      await this.refreshMissingFinding(manager, updated, missing);
      updated = (await this.documents.findOne(companyId, documentId, manager)) as Document;
      const blockedByFindings = hasFatal(updated.findings) && !findingsAccepted(updated.findings);
      if (updated.state !== 'ready' && missing.length === 0 && !blockedByFindings) {
        await this.documents.transition(manager, companyId, documentId, 'ready', { actor, reason: 'completed in the workspace' });
      }
      return (await this.documents.findOne(companyId, documentId, manager)) as Document;
    });
  }

  /** Digitising flagged the fields a person had to enter (fatal); it now lists only those still missing. */
  private async refreshMissingFinding(manager: EntityManager, doc: Document, missing: string[]): Promise<void> {
    const replacement: DocumentFinding[] = missing.length
      ? [{ source: 'digitise', flag: 'fatal', rule: FIELDS_MISSING_RULE, message: `Enter the missing fields: ${missing.join(', ')}` }]
      : [];
    await manager.query(
      `UPDATE document SET findings = COALESCE((SELECT jsonb_agg(f) FROM jsonb_array_elements(findings) f WHERE f->>'rule' <> $3), '[]'::jsonb) || $4::jsonb
        WHERE company_id = $1 AND id = $2`,
      [doc.companyId, doc.id, FIELDS_MISSING_RULE, JSON.stringify(replacement)],
    );
  }

  /**
   * Completed fields give the document its business identity (fingerprint). When another
   * document of the company already has it, this is the same invoice: refuse (409) rather
   * than let a second copy be approved and published.
   */
  private async refreshFingerprint(manager: EntityManager, doc: Document): Promise<void> {
    const fingerprint = fingerprintOf({ ...emptyHeader(doc.kind), ...doc });
    if (!fingerprint || fingerprint === doc.fingerprint) return;
    const owner: { document_id: string }[] = await manager.query(
      `INSERT INTO document_key (company_id, key, document_id) VALUES ($1, $2, $3)
       ON CONFLICT (company_id, key) DO UPDATE SET key = EXCLUDED.key RETURNING document_id`,
      [doc.companyId, fingerprint, doc.id],
    );
    const existing = owner[0]?.document_id;
    if (existing && existing !== doc.id) {
      throw new ConflictException(`These fields make document ${doc.id} the same invoice as document ${existing}; reject this copy instead`);
    }
    await manager.query(`UPDATE document SET fingerprint = $3 WHERE company_id = $1 AND id = $2`, [doc.companyId, doc.id, fingerprint]);
  }
}
