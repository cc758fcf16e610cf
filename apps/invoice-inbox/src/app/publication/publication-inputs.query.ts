import type { EntityManager } from 'typeorm';
import type { DocumentApproval } from '../approval/document-approval.entity';
import type { DocumentCoding } from '../coding/document-coding.entity';
import type { DocumentFile } from '../documents/document-file.entity';
import type { FileRole } from '../documents/document-channel';
import type { DocumentComment } from '../workspace/document-comment.entity';

export interface PublicationInputs {
  coding: DocumentCoding | null;
  approval: DocumentApproval | null;
  comments: DocumentComment[];
  files: DocumentFile[];
}

interface Row {
  coding: (Omit<DocumentCoding, 'updatedAt'> & { updatedAt: string }) | null;
  approval: (Omit<DocumentApproval, 'decidedAt'> & { decidedAt: string }) | null;
  comments: (Omit<DocumentComment, 'createdAt'> & { createdAt: string })[];
  files: (Omit<DocumentFile, 'createdAt' | 'role'> & { createdAt: string; role: FileRole })[];
}

/**
 * Everything publication reads besides the document, in ONE round trip: publishing is on
 * the hot path (a bulk approval publishes thousands), and each statement costs a round trip.
 */
export async function loadPublicationInputs(manager: EntityManager, companyId: string, documentId: string): Promise<PublicationInputs> {
  const [row] = (await manager.query(
    `SELECT
       (SELECT json_build_object('documentId', c.document_id, 'companyId', c.company_id, 'supplierContactId', c.supplier_contact_id,
                                 'supplierMatchedBy', c.supplier_matched_by, 'account', c.account, 'dimensions', c.dimensions,
                                 'lines', c.lines, 'updatedBy', c.updated_by, 'updatedAt', c.updated_at)
          FROM document_coding c WHERE c.document_id = $2 AND c.company_id = $1) AS coding,
       (SELECT json_build_object('documentId', a.document_id, 'companyId', a.company_id, 'decision', a.decision,
                                 'decidedBy', a.decided_by, 'decidedAt', a.decided_at, 'reason', a.reason)
          FROM document_approval a WHERE a.document_id = $2 AND a.company_id = $1) AS approval,
       COALESCE((SELECT json_agg(json_build_object('id', m.id, 'documentId', m.document_id, 'companyId', m.company_id,
                                                   'author', m.author, 'text', m.text, 'createdAt', m.created_at) ORDER BY m.created_at, m.id)
          FROM document_comment m WHERE m.document_id = $2 AND m.company_id = $1), '[]') AS comments,
       COALESCE((SELECT json_agg(json_build_object('id', f.id, 'documentId', f.document_id, 'receiptId', f.receipt_id,
                                                   'companyId', f.company_id, 'role', f.role, 'filename', f.filename,
                                                   'contentType', f.content_type, 'sizeBytes', f.size_bytes, 'sha256', f.sha256,
                                                   'createdAt', f.created_at) ORDER BY f.created_at, f.id)
          FROM document_file f WHERE f.document_id = $2 AND f.company_id = $1), '[]') AS files`,
    [companyId, documentId],
  )) as Row[];
  return {
    coding: row?.coding ? { ...row.coding, updatedAt: new Date(row.coding.updatedAt) } : null,
    approval: row?.approval ? { ...row.approval, decidedAt: new Date(row.approval.decidedAt) } : null,
    comments: (row?.comments ?? []).map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    files: (row?.files ?? []).map((f) => ({ ...f, createdAt: new Date(f.createdAt) })),
  };
}
