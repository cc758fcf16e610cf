import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExternalRef } from '../adapters/ledger-export-adapter.port';
import { EntryExport } from './entry-export.entity';

/** The idempotency key a worker must send, and whether an earlier attempt's outcome is unknown. */
export interface ExportClaim {
  idempotencyKey: string;
  contentHash: string;
  /** The previous attempt got no answer: the journal may already exist under this key. */
  previousOutcomeUnknown: boolean;
  /** The key is an earlier version's (the entry changed after an attempt whose outcome is unknown). */
  reusedOlderKey: boolean;
}

/** Claims, releases and completes rows of the external-id map (`entry_export`). */
@Injectable()
export class EntryExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the entry for one worker (a lease, so a crashed worker's claim expires). When the
   * previous attempt's outcome is unknown its key is kept, even if the entry changed since:
   * sending the same key again is what lets the target answer "already created".
   * Undefined when another worker is exporting the entry right now.
   */
  async claim(
    row: { companyId: string; target: string; entryId: string; entryNumber: string; contentHash: string; idempotencyKey: string; batchId: string },
    leaseMs: number,
  ): Promise<ExportClaim | undefined> {
    const rows = (await this.dataSource.query(
      `WITH c AS (
         INSERT INTO entry_export AS e (company_id, target, entry_id, entry_number, content_hash, idempotency_key, state, batch_id, lease_until, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'in-flight', $7, now() + make_interval(secs => $8), now())
         ON CONFLICT (company_id, target, entry_id) DO UPDATE SET
           state = 'in-flight',
           batch_id = EXCLUDED.batch_id,
           lease_until = EXCLUDED.lease_until,
           updated_at = now(),
           entry_number = EXCLUDED.entry_number,
           idempotency_key = CASE WHEN e.state IN ('uncertain', 'in-flight') THEN e.idempotency_key ELSE EXCLUDED.idempotency_key END,
           content_hash = CASE WHEN e.state IN ('uncertain', 'in-flight') THEN e.content_hash ELSE EXCLUDED.content_hash END
         WHERE e.state <> 'in-flight' OR e.lease_until < now()
         -- A subquery in RETURNING reads the statement's snapshot: the state before this claim.
         RETURNING idempotency_key, content_hash,
           (SELECT p.state FROM entry_export p WHERE p.company_id = $1 AND p.target = $2 AND p.entry_id = $3) AS previous_state
       ) SELECT * FROM c`,
      [row.companyId, row.target, row.entryId, row.entryNumber, row.contentHash, row.idempotencyKey, row.batchId, leaseMs / 1000],
    )) as { idempotency_key: string; content_hash: string; previous_state: string | null }[];
    const claimed = rows[0];
    if (!claimed) return undefined;
    return {
      idempotencyKey: claimed.idempotency_key,
      contentHash: claimed.content_hash,
      previousOutcomeUnknown: claimed.previous_state === 'uncertain' || claimed.previous_state === 'in-flight',
      reusedOlderKey: claimed.idempotency_key !== row.idempotencyKey,
    };
  }

  /** The call failed: `uncertain` keeps the key for the next attempt, `not-created` lets it be derived afresh. */
  async release(companyId: string, target: string, entryId: string, state: 'uncertain' | 'not-created', error: string): Promise<void> {
    await this.dataSource.getRepository(EntryExport).update(
      { companyId, target, entryId },
      { state, lastError: error.slice(0, 2000), leaseUntil: null, updatedAt: new Date() },
    );
  }

  async markExported(manager: EntityManager, companyId: string, target: string, entryId: string, ref: ExternalRef): Promise<void> {
    await manager.getRepository(EntryExport).update(
      { companyId, target, entryId },
      {
        state: 'exported',
        externalId: ref.externalId,
        externalNumber: ref.externalNumber ?? null,
        lastError: null,
        leaseUntil: null,
        exportedAt: new Date(),
        updatedAt: new Date(),
      },
    );
  }

  list(companyId: string, entryId: string): Promise<EntryExport[]> {
    return this.dataSource.getRepository(EntryExport).find({ where: { companyId, entryId }, order: { target: 'ASC' } });
  }
}
