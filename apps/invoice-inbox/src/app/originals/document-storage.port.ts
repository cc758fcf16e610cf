import type { EntityManager } from 'typeorm';

/**
 * Where original bytes live, content-addressed per company: the same bytes arriving twice
 * are stored once. Postgres (bytea) by default; an S3-compatible store can implement the
 * same port when a deployment outgrows it.
 */
export interface DocumentStorage {
  /**
   * Stores `bytes` under (company, sha256) inside the caller's transaction when the store
   * is transactional; a no-op when they are already there.
   */
  put(manager: EntityManager, companyId: string, sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes, exactly as received; undefined when unknown for this company. */
  get(manager: EntityManager, companyId: string, sha256: string): Promise<Buffer | undefined>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
