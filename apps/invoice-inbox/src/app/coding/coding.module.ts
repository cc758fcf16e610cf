import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { MasterDataModule } from '../master-data/master-data.module';
import { CodeDocumentUseCase } from './code-document.usecase';
import { CodingMasterDataLoader } from './coding-master-data.loader';

/** Coding documents against the ERP master data (used by the workspace, approval and publication). */
@Module({
  imports: [MasterDataModule, DocumentsModule],
  providers: [CodeDocumentUseCase, CodingMasterDataLoader],
  exports: [DocumentsModule, CodeDocumentUseCase, CodingMasterDataLoader],
})
export class CodingModule {}
