import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type AuthenticatedRequest, CompanyIdPipe } from '@hub/platform';
import { EntryExportView, ExportBatchView, ListBatchesQuery, StartExportDto } from './batches/export-views.dto';
import { ExportBatchesQuery } from './batches/export-batches.query';
import { StartExportUseCase } from './batches/start-export.usecase';
import { ExportCredentialsView, SageCredentialsDto, SapB1CredentialsDto, XeroCredentialsDto } from './credentials/export-credentials.dto';
import { ExportCredentialsService } from './credentials/export-credentials.service';

@ApiTags('export to external ledgers')
@ApiBearerAuth()
@ApiExtraModels(XeroCredentialsDto, SageCredentialsDto, SapB1CredentialsDto)
@Controller('companies/:companyId')
export class ExportController {
  constructor(
    private readonly credentials: ExportCredentialsService,
    private readonly startExport: StartExportUseCase,
    private readonly batches: ExportBatchesQuery,
  ) {}

  @Put('export-targets/:target/credentials')
  @ApiOperation({ summary: "Store the company's credentials for xero, sage or sap-b1 (encrypted at rest; read back masked)" })
  @ApiBody({
    schema: { oneOf: [XeroCredentialsDto, SageCredentialsDto, SapB1CredentialsDto].map((m) => ({ $ref: getSchemaPath(m) })) },
  })
  @ApiOkResponse({ type: ExportCredentialsView })
  setCredentials(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('target') target: string,
    // Validated per target by the service (the shape depends on the path's target).
    @Body() body: Record<string, unknown>,
  ): Promise<ExportCredentialsView> {
    return this.credentials.set(companyId, target, body);
  }

  @Get('export-targets/:target/credentials')
  @ApiOkResponse({ type: ExportCredentialsView })
  getCredentials(@Param('companyId', CompanyIdPipe) companyId: string, @Param('target') target: string): Promise<ExportCredentialsView> {
    return this.credentials.getMasked(companyId, target);
  }

  @Delete('export-targets/:target/credentials')
  @HttpCode(204)
  deleteCredentials(@Param('companyId', CompanyIdPipe) companyId: string, @Param('target') target: string): Promise<void> {
    return this.credentials.remove(companyId, target);
  }

  @Post('exports')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Export one confirmed entry, or all confirmed entries, to a target; exported entries are locked',
    description: 'Answers at once with the batch; follow it with GET exports/{batchId}. 409 when no credentials are stored or the entry is not confirmed.',
  })
  @ApiAcceptedResponse({ type: ExportBatchView })
  start(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: StartExportDto, @Req() req: AuthenticatedRequest): Promise<ExportBatchView> {
    return this.startExport.execute({
      companyId,
      target: body.target,
      ...(body.entryId ? { entryId: body.entryId } : {}),
      ...(req.principal ? { requestedBy: req.principal.tokenId } : {}),
    });
  }

  @Get('exports')
  @ApiOkResponse({ type: ExportBatchView, isArray: true })
  list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() query: ListBatchesQuery): Promise<ExportBatchView[]> {
    return this.batches.list(companyId, query.limit);
  }

  @Get('exports/:batchId')
  @ApiOkResponse({ type: ExportBatchView, description: 'The batch with the result of every entry' })
  get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('batchId', ParseUUIDPipe) batchId: string): Promise<ExportBatchView> {
    return this.batches.get(companyId, batchId);
  }

  @Get('exports/entries/:entryId')
  @ApiOperation({ summary: "An entry's journals per target: state, idempotency key, external id" })
  @ApiOkResponse({ type: EntryExportView, isArray: true })
  forEntry(@Param('companyId', CompanyIdPipe) companyId: string, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<EntryExportView[]> {
    return this.batches.forEntry(companyId, entryId);
  }
}
