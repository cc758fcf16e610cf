import type { EntityManager } from 'typeorm';

/** Why an entry is being locked: the journal it became in the external ledger. */
export interface LockReason {
  target: string;
  externalId: string;
  externalNumber?: string;
  batchId: string;
}

/** What happened when the export asked to lock an entry. */
export type LockOutcome = 'locked' | 'already-locked' | 'not-confirmed';

/**
 * Locks an exported entry: status confirmed → locked with its audit row and
 * `ledger.entry.locked.v1` through the outbox, all inside `manager`'s transaction (the
 * same one that records the export result, so both commit or neither does).
 */
export interface EntryLocker {
  lock(manager: EntityManager, companyId: string, entryId: string, reason: LockReason): Promise<LockOutcome>;
}

export const ENTRY_LOCKER = Symbol('ENTRY_LOCKER');
