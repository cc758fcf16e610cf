import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { CodeDocumentUseCase } from '../coding/code-document.usecase';
import { CodingDto, CodingView } from '../coding/coding.dto';
import { DocumentsRepository } from '../documents/documents.repository';
import { Actor } from './actor.decorator';
import { CompleteDocumentUseCase } from './complete-document.usecase';
import { DocumentComment } from './document-comment.entity';
import { CommentDto, CommentView, CompleteDocumentDto } from './workspace.dto';

@ApiTags('workspace: coding')
@ApiBearerAuth()
@Controller('companies/:companyId/documents/:documentId')
export class WorkspaceController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly coding: CodeDocumentUseCase,
    private readonly complete: CompleteDocumentUseCase,
  ) {}

  @Get('coding')
  @ApiOperation({ summary: "The document's coding, its matched supplier contact, and what approval still needs" })
  @ApiOkResponse({ type: CodingView })
  getCoding(@Param('companyId', CompanyIdPipe) companyId: string, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<CodingView> {
    return this.coding.view(companyId, documentId);
  }

  @Put('coding')
  @ApiOperation({ summary: 'Code the document (supplier, accounts, objects, contract); checked against the ERP master data' })
  @ApiOkResponse({ type: CodingView })
  putCoding(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: CodingDto,
    @Actor() actor: string,
  ): Promise<CodingView> {
    return this.coding.execute(companyId, documentId, body, actor);
  }

  @Patch('fields')
  @ApiOperation({ summary: 'Complete or correct header fields; a complete document becomes ready' })
  async completeFields(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: CompleteDocumentDto,
    @Actor() actor: string,
  ): Promise<{ documentId: string; state: string }> {
    const doc = await this.complete.execute(companyId, documentId, body, actor);
    return { documentId: doc.id, state: doc.state };
  }

  @Post('comments')
  @ApiOperation({ summary: 'Comment on a document (published with it)' })
  @ApiOkResponse({ type: CommentView })
  async addComment(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: CommentDto,
    @Actor() actor: string,
  ): Promise<CommentView> {
    if (!(await this.documents.findOne(companyId, documentId))) throw new NotFoundException(`Document ${documentId} not found`);
    const row = await this.dataSource.getRepository(DocumentComment).save({
      id: randomUUID(),
      documentId,
      companyId,
      author: actor,
      text: body.text,
      createdAt: new Date(),
    });
    return { id: row.id, author: row.author, text: row.text, createdAt: row.createdAt.toISOString() };
  }

  @Get('comments')
  @ApiOkResponse({ type: CommentView, isArray: true })
  async comments(@Param('companyId', CompanyIdPipe) companyId: string, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<CommentView[]> {
    const rows = await this.dataSource.getRepository(DocumentComment).find({ where: { companyId, documentId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ id: r.id, author: r.author, text: r.text, createdAt: r.createdAt.toISOString() }));
  }
}
