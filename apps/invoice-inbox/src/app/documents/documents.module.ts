import { Module } from '@nestjs/common';
import { OriginalsModule } from '../originals/originals.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';

/** The document model: repository (exported for the workspace features) and the read API. */
@Module({
  imports: [OriginalsModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository],
  exports: [DocumentsRepository, OriginalsModule],
})
export class DocumentsModule {}
