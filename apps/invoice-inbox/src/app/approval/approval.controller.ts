import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import type { Document } from '../documents/document.entity';
import { Actor } from '../workspace/actor.decorator';
import { ApprovalView, RejectDto } from './approval.dto';
import { ApprovalUseCase } from './approval.usecase';

@ApiTags('workspace: approval')
@ApiBearerAuth()
@Controller('companies/:companyId/documents/:documentId')
export class ApprovalController {
  constructor(private readonly approvals: ApprovalUseCase) {}

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a ready, fully coded document (records who and when)' })
  @ApiOkResponse({ type: ApprovalView })
  approve(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: string,
  ): Promise<ApprovalView> {
    return this.approvals.approve(companyId, documentId, actor);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a document with a reason' })
  @ApiOkResponse({ type: ApprovalView })
  reject(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: RejectDto,
    @Actor() actor: string,
  ): Promise<ApprovalView> {
    return this.approvals.reject(companyId, documentId, actor, body.reason);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a rejected document back into work' })
  async reopen(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: string,
  ): Promise<{ documentId: string; state: string }> {
    const doc: Document = await this.approvals.reopen(companyId, documentId, actor);
    return { documentId: doc.id, state: doc.state };
  }
}
