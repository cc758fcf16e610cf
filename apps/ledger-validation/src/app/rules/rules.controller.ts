import { BadRequestException, Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LEDGER_DATE_PATTERN } from '@hub/contracts';
import { type AuthenticatedRequest, CompanyIdPipe } from '@hub/platform';
import type { Rules } from '../engine/rule-set.model';
import { actorOf } from '../shared/actor';
import { CreateRuleSetDto } from './rule-set.dto';
import { RuleSetStore, type RuleSetSummary, type StoredRuleSet } from './rule-set.store';

@ApiTags('validation rules')
@ApiBearerAuth()
@Controller('companies/:companyId/rule-sets')
export class RulesController {
  constructor(private readonly store: RuleSetStore) {}

  @Post()
  @ApiOperation({
    summary: 'Store a new version of the rules (validation addresses, account rules, exclusions) in force from a date',
    description: 'Versions are immutable: entries dated before effectiveFrom keep being judged by the version in force on their date.',
  })
  create(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: CreateRuleSetDto, @Req() req: AuthenticatedRequest): Promise<StoredRuleSet> {
    const rules: Rules = {
      addresses: body.addresses.map((a) => strip({ account: a.account, groups: a.groups, label: a.label })),
      accountRules: body.accountRules.map((r) => strip({ account: r.account, group: r.group, label: r.label })),
      exclusions: body.exclusions.map((x) => strip({ account: x.account, accountPrefix: x.accountPrefix, group: x.group, label: x.label })),
    };
    return this.store.create(companyId, { effectiveFrom: body.effectiveFrom, comment: body.comment, rules }, actorOf(req));
  }

  @Get()
  @ApiOperation({ summary: 'All versions of the rules, oldest first' })
  list(@Param('companyId', CompanyIdPipe) companyId: string): Promise<RuleSetSummary[]> {
    return this.store.list(companyId);
  }

  @Get('in-force')
  @ApiOperation({ summary: 'The version that judges entries dated on the given day' })
  @ApiQuery({ name: 'date', example: '2026-03-31' })
  async inForce(@Param('companyId', CompanyIdPipe) companyId: string, @Query('date') date: string): Promise<StoredRuleSet> {
    if (typeof date !== 'string' || !LEDGER_DATE_PATTERN.test(date)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        fields: [{ field: 'date', errors: ['date must be a calendar date YYYY-MM-DD'] }],
      });
    }
    const found = await this.store.inForce(companyId, date);
    if (!found) throw new NotFoundException(`no rules are in force on ${date} (entries of that day are valid)`);
    return found;
  }

  @Get(':version')
  async get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('version', ParseIntPipe) version: number): Promise<StoredRuleSet> {
    const found = await this.store.get(companyId, version);
    if (!found) throw new NotFoundException(`no rule-set version ${version}`);
    return found;
  }
}

/** Leaves optional keys out rather than storing nulls. */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
