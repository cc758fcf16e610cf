import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../documents/prepared-query';
import type { DocumentStorage, OriginalBytes } from './document-storage.port';

/**
 * Prepared once per connection; one statement per file (a delivery usually has one): the
 * bytes travel as a binary parameter, where a bytea[] would travel hex-encoded as text.
 */
const PUT_SQL = `INSERT INTO original_blob (company_id, sha256, size_bytes, content) VALUES ($1, $2, $3, $4)
  ON CONFLICT (company_id, sha256) DO NOTHING`;

/** Originals in the service's own schema (`original_blob`), written in the ingest transaction. */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  readonly inServiceSchema = true;

  async put(manager: EntityManager, companyId: string, files: readonly OriginalBytes[]): Promise<void> {
    for (const file of files) {
      await preparedQuery(manager, 'inbox_original_put', PUT_SQL, [companyId, file.sha256, file.bytes.length, file.bytes]);
    }
  }

  async get(manager: EntityManager, companyId: string, sha256: string): Promise<Buffer | undefined> {
    const rows: { content: Buffer }[] = await manager.query(`SELECT content FROM original_blob WHERE company_id = $1 AND sha256 = $2`, [
      companyId,
      sha256,
    ]);
    return rows[0]?.content;
  }
}
