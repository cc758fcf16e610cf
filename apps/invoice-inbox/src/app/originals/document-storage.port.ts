import type { EntityManager } from 'typeorm';

/** Original bytes under their sha256 (hex). */
export interface OriginalBytes {
  sha256: string;
  bytes: Buffer;
}

/**
 * Where original bytes live, content-addressed per company: the same bytes arriving twice
 * are stored once. Postgres (bytea) by default; an S3-compatible store can implement the
 * same port when a deployment outgrows it.
 */
export interface DocumentStorage {
  /**
   * True when the bytes live in the service's own schema (table `original_blob`): the
   * ingest then writes them in the statement that creates the document, rather than
   * calling {@link put} (one round trip less per document). An external store says false.
   */
  readonly inServiceSchema: boolean;
  /**
   * Stores each file's bytes under (company, sha256) inside the caller's transaction when
   * the store is transactional; a no-op for bytes already there (and for no files).
   */
  put(manager: EntityManager, companyId: string, files: readonly OriginalBytes[]): Promise<void>;
  /** The bytes, exactly as received; undefined when unknown for this company. */
  get(manager: EntityManager, companyId: string, sha256: string): Promise<Buffer | undefined>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
