import { BadRequestException, Body, Controller, Param, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedRequest, CompanyIdPipe } from '@hub/platform';
import { describeSniffed, sniffContent } from '../../digitise/sniff-content';
import { IngestDocumentUseCase } from '../../ingest/ingest-document.usecase';
import { UploadDocumentDto, UploadResultView } from './upload.dto';

/**
 * Channels 2 and 4: upload through the API, from the web or the mobile app. One request is
 * one document of one or several files (e.g. an XML and its PDF, or the pages of a photo).
 * The company is the route's (the token must be scoped to it); what a file is is decided
 * by its bytes, not by its name or declared type.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('companies/:companyId/documents')
export class UploadController {
  constructor(private readonly ingest: IngestDocumentUseCase) {}

  @Post()
  @UseInterceptors(FilesInterceptor('files'))
  @ApiOperation({ summary: 'Upload one document (XML UBL/CII/Estonian, PDF, JPEG or PNG; one or several files). 413 when a file is too big.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' } },
        source: { type: 'string', enum: ['upload', 'mobile'] },
        documentType: { type: 'string', enum: ['invoice', 'credit-note', 'receipt'] },
        deviceId: { type: 'string' },
        deviceName: { type: 'string' },
        userId: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ type: UploadResultView })
  async upload(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: UploadDocumentDto,
    @UploadedFiles() files: MultipartFile[] | undefined,
    @Req() req: AuthenticatedRequest,
  ): Promise<UploadResultView> {
    const list = files ?? [];
    if (list.length === 0) throw validation([{ field: 'files', errors: ['at least one file is required (multipart field "files")'] }]);
    const wrong = list
      .map((f, i) => ({ f, i, type: sniffContent(f.buffer) }))
      .filter((x) => x.type === 'unknown')
      .map((x) => ({ field: `files[${x.i}]`, errors: [`${x.f.originalname} is ${describeSniffed(x.type)}: upload XML (UBL, CII, Estonian e-invoice), PDF, JPEG or PNG`] }));
    if (wrong.length > 0) throw validation(wrong);

    const mobile = body.source === 'mobile';
    const tokenId = req.principal?.tokenId ?? 'unknown';
    const source: Record<string, string> = { uploadedWithToken: tokenId, filenames: list.map((f) => f.originalname).join(', ') };
    if (body.deviceId) source['deviceId'] = body.deviceId;
    if (body.deviceName) source['deviceName'] = body.deviceName;
    if (body.userId) source['userId'] = body.userId;
    const results = await this.ingest.execute({
      companyId,
      channel: mobile ? 'mobile' : 'upload',
      receivedAt: new Date(),
      files: list.map((f) => ({ filename: f.originalname, contentType: f.mimetype, bytes: f.buffer })),
      source,
      actor: mobile ? `mobile:${body.userId ?? ''}@${body.deviceId ?? ''}` : `token:${tokenId}`,
      declaredKind: body.documentType,
    });
    return {
      documents: results.map((r) => ({ ...r, href: `/companies/${companyId}/documents/${r.documentId}` })),
    };
  }
}

/** The part of multer's file object the upload reads (memory storage). */
interface MultipartFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

function validation(fields: { field: string; errors: string[] }[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields });
}
