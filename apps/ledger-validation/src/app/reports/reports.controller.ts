import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { LEDGER_DATE_PATTERN } from '@hub/contracts';
import { CompanyIdPipe } from '@hub/platform';
import { ENTRY_STATUSES, type EntryStatus } from '../entries/entry-input';
import { RuleSetStore } from '../rules/rule-set.store';
import { SettingsStore } from '../settings/settings.store';
import { CsvStream } from './csv-stream';
import type { ReportFilter } from '../shared/ledger-snapshot';
import { entriesReport, type LineSink, missingGroupsReport, summaryReport } from './reports';

export class ReportQuery {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(LEDGER_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31' })
  @IsOptional()
  @Matches(LEDGER_DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: [...ENTRY_STATUSES, 'all'], description: 'Default: all (missing-groups: unconfirmed)' })
  @IsOptional()
  @IsIn([...ENTRY_STATUSES, 'all'])
  status?: EntryStatus | 'all';

  @ApiPropertyOptional({ description: 'Start with a UTF-8 byte-order mark so Excel reads the encoding (default true)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  bom?: boolean;
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('text/csv')
@Controller('companies/:companyId/reports')
export class ReportsController {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RuleSetStore,
    private readonly settings: SettingsStore,
  ) {}

  @Get('entries.csv')
  @ApiOperation({ summary: '(a) All entries, a line per row, with a column per project group' })
  entries(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: ReportQuery, @Res() res: Response): Promise<void> {
    return this.stream(res, `entries-${companyId}.csv`, q, (sink) => entriesReport(this.dataSource, companyId, filterOf(q, undefined), sink));
  }

  @Get('summary.csv')
  @ApiOperation({ summary: '(b) Summary ("koond"): totals by the company\'s configured columns; excluded groups left out of those accounts\' lines' })
  async summary(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: ReportQuery, @Res() res: Response): Promise<void> {
    const { summaryColumns } = await this.settings.get(companyId);
    const judge = await this.rules.judge(companyId);
    return this.stream(res, `summary-${companyId}.csv`, q, (sink) => summaryReport(this.dataSource, companyId, filterOf(q, undefined), summaryColumns, judge, sink));
  }

  @Get('missing-groups.csv')
  @ApiOperation({ summary: '(c) Entries with missing project groups: entry, row, account, group, rule and rule-set version' })
  async missingGroups(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: ReportQuery, @Res() res: Response): Promise<void> {
    const judge = await this.rules.judge(companyId);
    return this.stream(res, `missing-groups-${companyId}.csv`, q, (sink) =>
      missingGroupsReport(this.dataSource, companyId, filterOf(q, ['unconfirmed']), judge, sink),
    );
  }

  /** Once the first byte is out the status is 200: a later failure can only cut the download short (and is logged). */
  private async stream(res: Response, filename: string, q: ReportQuery, write: (sink: LineSink) => Promise<void>): Promise<void> {
    const csv = new CsvStream(res, filename, q.bom ?? true);
    try {
      await write(csv);
      await csv.end();
    } catch (error) {
      this.logger.error({ err: error, filename }, 'report failed while streaming');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function filterOf(q: ReportQuery, defaultStatuses: EntryStatus[] | undefined): ReportFilter {
  const statuses = q.status === 'all' ? undefined : q.status ? [q.status] : defaultStatuses;
  return { from: q.from, to: q.to, statuses };
}
