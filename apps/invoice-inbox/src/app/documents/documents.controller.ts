import { Controller, Get, Headers, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../originals/document-storage.port';
import { detailView, summaryView } from './document-views';
import { DocumentDetailView, DocumentListView, ListDocumentsQuery } from './documents.dto';
import { DocumentsRepository } from './documents.repository';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('companies/:companyId/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List and filter the purchase documents of a company (newest first)' })
  @ApiOkResponse({ type: DocumentListView })
  async list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() query: ListDocumentsQuery): Promise<DocumentListView> {
    const { items, total } = await this.documents.list(companyId, {
      states: query.state,
      channel: query.channel,
      receivedFrom: query.from ? new Date(query.from) : undefined,
      receivedTo: query.to ? new Date(query.to) : undefined,
      supplier: query.supplier,
      needsAttention: query.needsAttention,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: items.map(summaryView), total };
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'One document with its findings, receipts, files and state transitions' })
  @ApiOkResponse({ type: DocumentDetailView })
  async get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('documentId') documentId: string): Promise<DocumentDetailView> {
    const doc = await this.documents.findOne(companyId, documentId);
    if (!doc) throw new NotFoundException(`No document ${documentId} for company ${companyId}`);
    const [receipts, files, transitions] = await Promise.all([
      this.documents.receipts(companyId, doc.id),
      this.documents.files(companyId, doc.id),
      this.documents.transitions(companyId, doc.id),
    ]);
    return detailView(doc, receipts, files, transitions);
  }

  @Get(':documentId/files/:fileId')
  @ApiOperation({ summary: 'Download an original byte for byte (ETag = its sha256; If-None-Match answers 304)' })
  @ApiProduces('application/xml', 'application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream')
  async download(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId') documentId: string,
    @Param('fileId') fileId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.documents.file(companyId, documentId, fileId);
    if (!file) throw new NotFoundException(`No file ${fileId} on document ${documentId} for company ${companyId}`);
    const etag = `"${file.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
      res.status(304).end();
      return;
    }
    const bytes = await this.storage.get(this.dataSource.manager, companyId, file.sha256);
    if (!bytes) throw new NotFoundException(`The bytes of file ${fileId} are missing from storage`);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(bytes.length));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `attachment; filename="${asciiName(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.status(200).end(bytes);
  }
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
