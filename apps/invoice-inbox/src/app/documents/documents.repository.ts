import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentChannel } from './document-channel';
import type { DocumentFinding, FindingSource } from './document-finding';
import { DocumentFile } from './document-file.entity';
import { DocumentReceipt } from './document-receipt.entity';
import { type DocumentState, InvalidTransitionError, statesLeadingTo } from './document-state';
import { DocumentTransition } from './document-transition.entity';
import { Document } from './document.entity';

/** Filters of the document list (all optional, combined with AND). */
export interface DocumentFilter {
  states?: DocumentState[];
  /** Documents with at least one receipt by this channel. */
  channel?: DocumentChannel;
  /** First receipt at or after / before (exclusive) these instants. */
  receivedFrom?: Date;
  receivedTo?: Date;
  /** Case-insensitive substring of the supplier name, or the exact supplier identifier / VAT id / registration code. */
  supplier?: string;
  /** true: only needs-attention; false: everything else. */
  needsAttention?: boolean;
  limit?: number;
  offset?: number;
}

export interface TransitionOptions {
  /** Who: `system`, `token:<id>`, `user:<id>`, `erp`. */
  actor: string;
  reason?: string;
}

/**
 * The one place documents are read and their state is changed. Every method is scoped by
 * company: a document id of another company behaves as if it did not exist. Methods take
 * the caller's transaction (`manager`) where writes must commit with other work (an outbox
 * event, a coding change); reads default to the service's DataSource.
 */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOne(companyId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Document | undefined> {
    if (!UUID.test(id)) return undefined;
    return (await manager.getRepository(Document).findOneBy({ companyId, id })) ?? undefined;
  }

  /** Reads and row-locks a document for the rest of the caller's transaction. */
  async lock(manager: EntityManager, companyId: string, id: string): Promise<Document | undefined> {
    if (!UUID.test(id)) return undefined;
    return (
      (await manager
        .getRepository(Document)
        .createQueryBuilder('d')
        .setLock('pessimistic_write')
        .where('d.company_id = :companyId AND d.id = :id', { companyId, id })
        .getOne()) ?? undefined
    );
  }

  /**
   * Moves a document to `to` if the state machine allows it from its current state, and
   * records the transition, in the caller's transaction. Concurrency-safe: the state is
   * checked and changed in one locked UPDATE, which writes the transition row as well.
   * @throws InvalidTransitionError when the document is unknown (for this company) or in a state `to` cannot follow.
   */
  async transition(manager: EntityManager, companyId: string, id: string, to: DocumentState, options: TransitionOptions): Promise<Document> {
    const rows: { from_state: DocumentState }[] = await manager.query(
      `WITH old AS (SELECT id, state FROM document WHERE company_id = $1 AND id = $2 FOR UPDATE),
       moved AS (
         UPDATE document d SET state = $3, version = d.version + 1, updated_at = now()
           FROM old WHERE d.id = old.id AND old.state = ANY($4::text[])
         RETURNING old.state AS from_state
       ), logged AS (
         INSERT INTO document_transition (document_id, company_id, from_state, to_state, actor, reason)
         SELECT $2, $1, from_state, $3, $5, $6 FROM moved
       )
       SELECT from_state FROM moved`,
      [companyId, id, to, statesLeadingTo(to), options.actor, options.reason ?? null],
    );
    if (rows[0]?.from_state === undefined) {
      const current = await this.findOne(companyId, id, manager);
      throw new InvalidTransitionError(id, current?.state, to);
    }
    const updated = await this.findOne(companyId, id, manager);
    if (!updated) throw new InvalidTransitionError(id, undefined, to);
    return updated;
  }

  /**
   * Replaces the findings of one source (e.g. `coding`), keeping the others; bumps the
   * version. Does not change the state: the caller decides (see {@link transition}).
   */
  async replaceFindings(
    manager: EntityManager,
    companyId: string,
    id: string,
    source: FindingSource,
    findings: DocumentFinding[],
  ): Promise<void> {
    await manager.query(
      `UPDATE document SET
         findings = COALESCE((SELECT jsonb_agg(f) FROM jsonb_array_elements(findings) f WHERE f->>'source' <> $3), '[]'::jsonb) || $4::jsonb,
         version = version + 1, updated_at = now()
       WHERE company_id = $1 AND id = $2`,
      [companyId, id, source, JSON.stringify(findings.map((f) => ({ ...f, source })))],
    );
  }

  async list(companyId: string, filter: DocumentFilter = {}): Promise<{ items: Document[]; total: number }> {
    const qb = this.dataSource.getRepository(Document).createQueryBuilder('d').where('d.company_id = :companyId', { companyId });
    if (filter.states?.length) qb.andWhere('d.state IN (:...states)', { states: filter.states });
    if (filter.needsAttention === true) qb.andWhere(`d.state = 'needs-attention'`);
    if (filter.needsAttention === false) qb.andWhere(`d.state <> 'needs-attention'`);
    if (filter.receivedFrom) qb.andWhere('d.received_at >= :from', { from: filter.receivedFrom });
    if (filter.receivedTo) qb.andWhere('d.received_at < :to', { to: filter.receivedTo });
    if (filter.channel) {
      qb.andWhere('EXISTS (SELECT 1 FROM document_receipt r WHERE r.document_id = d.id AND r.company_id = d.company_id AND r.channel = :channel)', {
        channel: filter.channel,
      });
    }
    if (filter.supplier) {
      qb.andWhere(
        `(lower(d.supplier_name) LIKE :like ESCAPE '\\' OR d.supplier_identifier = :exact OR d.supplier_vat_id = :exact OR d.supplier_registration_code = :exact)`,
        { like: `%${escapeLike(filter.supplier.toLowerCase())}%`, exact: filter.supplier.toUpperCase().replace(/\s+/g, '') },
      );
    }
    const [items, total] = await qb
      .orderBy('d.received_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .take(Math.min(filter.limit ?? 50, 500))
      .skip(filter.offset ?? 0)
      .getManyAndCount();
    return { items, total };
  }

  receipts(companyId: string, documentId: string, manager: EntityManager = this.dataSource.manager): Promise<DocumentReceipt[]> {
    return manager.getRepository(DocumentReceipt).find({ where: { companyId, documentId }, order: { receivedAt: 'ASC', createdAt: 'ASC' } });
  }

  files(companyId: string, documentId: string, manager: EntityManager = this.dataSource.manager): Promise<DocumentFile[]> {
    return manager.getRepository(DocumentFile).find({ where: { companyId, documentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async file(companyId: string, documentId: string, fileId: string): Promise<DocumentFile | undefined> {
    if (!UUID.test(documentId) || !UUID.test(fileId)) return undefined;
    return (await this.dataSource.getRepository(DocumentFile).findOneBy({ companyId, documentId, id: fileId })) ?? undefined;
  }

  transitions(companyId: string, documentId: string, manager: EntityManager = this.dataSource.manager): Promise<DocumentTransition[]> {
    return manager.getRepository(DocumentTransition).find({ where: { companyId, documentId }, order: { id: 'ASC' } });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
