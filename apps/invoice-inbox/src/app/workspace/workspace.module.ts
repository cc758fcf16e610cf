import { Module } from '@nestjs/common';
import { CodingModule } from '../coding/coding.module';
import { ArchiveController } from './archive.controller';
import { ArchiveRepository } from './archive.repository';
import { CompleteDocumentUseCase } from './complete-document.usecase';
import { WorkspaceController } from './workspace.controller';

/** Completing, coding and commenting documents, and the archive. */
@Module({
  imports: [CodingModule],
  controllers: [WorkspaceController, ArchiveController],
  providers: [CompleteDocumentUseCase, ArchiveRepository],
})
export class WorkspaceModule {}
