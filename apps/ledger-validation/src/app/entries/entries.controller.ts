import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { type AuthenticatedRequest, CompanyIdPipe } from '@hub/platform';
import { actorOf } from '../shared/actor';
import { ChangeStatusUseCase, type StatusChangeResult } from './change-status.usecase';
import { ChangeStatusDto, ImportEntriesDto, IngestCountsView, ListEntriesQuery } from './entries.dto';
import { EntriesQuery } from './entries.query';
import type { EntryInput } from './entry-input';
import { IngestEntriesUseCase, type IngestCounts } from './ingest-entries.usecase';
import { readNdjsonEntries } from './ndjson-import';

@ApiTags('journal entries')
@ApiBearerAuth()
@Controller('companies/:companyId/entries')
export class EntriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingest: IngestEntriesUseCase,
    private readonly query: EntriesQuery,
    private readonly status: ChangeStatusUseCase,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk import (initial load): up to 5,000 entries as JSON; all or nothing; idempotent by entry number',
    description: 'A 400 names every wrong field (entries[3].rows: must balance ...). For larger loads use import-ndjson.',
  })
  @ApiOkResponse({ type: IngestCountsView })
  importJson(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: ImportEntriesDto, @Req() req: AuthenticatedRequest): Promise<IngestCounts> {
    return this.store(companyId, body.entries, req);
  }

  @Post('import-ndjson')
  @HttpCode(200)
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ description: 'One entry (as in the JSON import) per line; up to 64 MB', schema: { type: 'string' } })
  @ApiOperation({ summary: 'Bulk import of large initial loads as NDJSON: validated first, then stored all or nothing' })
  @ApiOkResponse({ type: IngestCountsView })
  async importNdjson(@Param('companyId', CompanyIdPipe) companyId: string, @Req() req: AuthenticatedRequest): Promise<IngestCounts> {
    const entries = await readNdjsonEntries(req);
    return this.store(companyId, entries, req);
  }

  @Get()
  @ApiOperation({ summary: 'Entries by status and date, paged by entry number' })
  list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: ListEntriesQuery): Promise<Record<string, unknown>[]> {
    return this.query.list(companyId, q);
  }

  @Get(':number')
  @ApiOperation({ summary: 'One entry with its rows and the failures of its last validation' })
  get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('number') number: string): Promise<Record<string, unknown>> {
    return this.query.get(companyId, number);
  }

  @Get(':number/history')
  @ApiOperation({ summary: 'Audit trail of status changes: who, when, from, to, why' })
  history(@Param('companyId', CompanyIdPipe) companyId: string, @Param('number') number: string): Promise<Record<string, unknown>[]> {
    return this.query.history(companyId, number);
  }

  @Post(':number/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status by hand (always possible; audited). Unlocking lets ERP updates in again.' })
  changeStatus(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('number') number: string,
    @Body() body: ChangeStatusDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<StatusChangeResult> {
    return this.status.execute({ companyId, number, to: body.status, actor: actorOf(req), by: 'manual', reason: body.reason });
  }

  private async store(companyId: string, entries: EntryInput[], req: AuthenticatedRequest): Promise<IngestCounts> {
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const first = seen.get(e.number);
      if (first !== undefined) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          fields: [{ field: `entries[${i}].number`, errors: [`number ${e.number} repeats entries[${first}]`] }],
        });
      }
      seen.set(e.number, i);
    });
    return this.dataSource.transaction((manager) => this.ingest.ingest(manager, companyId, entries, `import:${actorOf(req)}`));
  }
}
