import { Module } from '@nestjs/common';
import { DigitiseModule } from '../digitise/digitise.module';
import { DocumentsModule } from '../documents/documents.module';
import { IngestDocumentUseCase } from './ingest-document.usecase';

/** The one entrance every channel uses. */
@Module({
  imports: [DocumentsModule, DigitiseModule],
  providers: [IngestDocumentUseCase],
  exports: [IngestDocumentUseCase],
})
export class IngestModule {}
