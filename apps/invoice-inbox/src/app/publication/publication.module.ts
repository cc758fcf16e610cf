import { Module } from '@nestjs/common';
import { CodingModule } from '../coding/coding.module';
import { PublicationController } from './publication.controller';
import { PublishDocumentUseCase } from './publish-document.usecase';

@Module({
  imports: [CodingModule],
  controllers: [PublicationController],
  providers: [PublishDocumentUseCase],
})
export class PublicationModule {}
