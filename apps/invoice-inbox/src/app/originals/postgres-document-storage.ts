import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DocumentStorage } from './document-storage.port';

/** Originals in the service's own schema (`original_blob`), written in the ingest transaction. */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  async put(manager: EntityManager, companyId: string, sha256: string, bytes: Buffer): Promise<void> {
    await manager.query(
      `INSERT INTO original_blob (company_id, sha256, size_bytes, content) VALUES ($1, $2, $3, $4)
       ON CONFLICT (company_id, sha256) DO NOTHING`,
      [companyId, sha256, bytes.length, bytes],
    );
  }

  async get(manager: EntityManager, companyId: string, sha256: string): Promise<Buffer | undefined> {
    const rows: { content: Buffer }[] = await manager.query(`SELECT content FROM original_blob WHERE company_id = $1 AND sha256 = $2`, [
      companyId,
      sha256,
    ]);
    return rows[0]?.content;
  }
}
