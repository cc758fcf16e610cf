import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { type RunSummary, ValidationRunUseCase } from './validation-run.usecase';

export class StartRunDto {
  @ApiPropertyOptional({ description: 'Mail the failures to the company\'s recipients (default true)' })
  @IsOptional()
  @IsBoolean()
  notify?: boolean;
}

@ApiTags('validation runs')
@ApiBearerAuth()
@Controller('companies/:companyId/validation-runs')
export class ValidationController {
  constructor(
    private readonly runs: ValidationRunUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Validate all unconfirmed entries now (409 while another run of the company is in progress)' })
  start(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: StartRunDto): Promise<RunSummary> {
    return this.runs.run(companyId, 'manual', { notify: body.notify });
  }

  @Get()
  @ApiOperation({ summary: 'The latest 100 runs (nightly, manual) with their counts and mail status' })
  list(@Param('companyId', CompanyIdPipe) companyId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT id AS "runId", trigger, started_at AS "startedAt", finished_at AS "finishedAt", checked, confirmed, rejected, failures,
         mail_status AS "mailStatus", error FROM validation_run WHERE company_id = $1 ORDER BY started_at DESC LIMIT 100`,
      [companyId],
    ) as Promise<Record<string, unknown>[]>;
  }
}
