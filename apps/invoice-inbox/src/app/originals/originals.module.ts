import { Module } from '@nestjs/common';
import { DOCUMENT_STORAGE } from './document-storage.port';
import { PostgresDocumentStorage } from './postgres-document-storage';

/** Provides the {@link DocumentStorage} port (Postgres by default). */
@Module({
  providers: [{ provide: DOCUMENT_STORAGE, useClass: PostgresDocumentStorage }],
  exports: [DOCUMENT_STORAGE],
})
export class OriginalsModule {}
