import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import { Actor } from '../workspace/actor.decorator';
import { type PublicationView, PublishDocumentUseCase } from './publish-document.usecase';

@ApiTags('workspace: publication')
@ApiBearerAuth()
@Controller('companies/:companyId/documents/:documentId')
export class PublicationController {
  constructor(private readonly publish: PublishDocumentUseCase) {}

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish an approved document to the ERP (inbox.document.published.v1); idempotent: a retry answers with the first publication',
  })
  execute(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: string,
  ): Promise<PublicationView> {
    return this.publish.execute(companyId, documentId, actor);
  }
}
