import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CompanyIdPipe } from '@hub/platform';
import { AttentionView, FetchRunView, InboundReceiptView } from './inbound.dto';
import { InboundFetchUseCase } from './inbound-fetch.usecase';

@ApiTags('inbound documents')
@ApiBearerAuth()
@Controller()
export class InboundController {
  constructor(private readonly inbound: InboundFetchUseCase) {}

  @Post('companies/:companyId/inbound/fetch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Fetch now what the company's operators hold (normally done by the poll job). Documents are routed by their receiver " +
      'endpoint; the answer lists only the caller\'s own.',
  })
  @ApiOkResponse({ type: FetchRunView })
  fetch(@Param('companyId', CompanyIdPipe) companyId: string): Promise<FetchRunView> {
    return this.inbound.fetchForCompany(companyId);
  }

  @Get('companies/:companyId/inbound/receipts')
  @ApiOperation({ summary: 'Documents taken over from operators for the company (latest 100)' })
  @ApiOkResponse({ type: InboundReceiptView, isArray: true })
  receipts(@Param('companyId', CompanyIdPipe) companyId: string): Promise<InboundReceiptView[]> {
    return this.inbound.receipts(companyId);
  }

  @Get('companies/:companyId/inbound/attention')
  @ApiOperation({ summary: "The company's documents left at the operator because they need attention (too large, invalid …)" })
  @ApiOkResponse({ type: AttentionView, isArray: true })
  attention(@Param('companyId', CompanyIdPipe) companyId: string): Promise<AttentionView[]> {
    return this.inbound.attention(companyId);
  }

  @Post('inbound/fetch')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Fetch now for every connection (admin token)' })
  @ApiOkResponse({ type: FetchRunView })
  async fetchAll(): Promise<FetchRunView> {
    const run = await this.inbound.fetchAll();
    return { connections: run.connections, documents: run.outcomes, otherDocuments: 0, errors: run.errors };
  }

  @Get('inbound/attention')
  @AdminOnly()
  @ApiOperation({ summary: 'Every document needing attention, including those for unknown receivers (admin token)' })
  @ApiOkResponse({ type: AttentionView, isArray: true })
  allAttention(): Promise<AttentionView[]> {
    return this.inbound.attention();
  }
}
