import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { SalesInvoiceQuery } from './erp.dto';
import { SalesInvoiceRecord } from './sales-invoice-record.entity';

@ApiTags('ERP: sales-invoice register')
@ApiBearerAuth()
@Controller('companies/:companyId/erp/sales-invoices')
export class SalesInvoiceRegisterController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Sales invoices issued on platforms (e.g. Banqup), one entry per invoice with its delivery count' })
  list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: SalesInvoiceQuery): Promise<SalesInvoiceRecord[]> {
    return this.dataSource.getRepository(SalesInvoiceRecord).find({
      where: { companyId, ...(q.platform ? { platform: q.platform } : {}), ...(q.invoiceNumber ? { invoiceNumber: q.invoiceNumber } : {}) },
      order: { registeredAt: 'ASC', id: 'ASC' },
      take: q.limit ?? 100,
      skip: q.offset ?? 0,
    });
  }

  @Get(':id')
  async get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('id', ParseUUIDPipe) id: string): Promise<SalesInvoiceRecord> {
    const row = await this.dataSource.getRepository(SalesInvoiceRecord).findOneBy({ companyId, id });
    if (!row) throw new NotFoundException(`Sales invoice ${id} not found`);
    return row;
  }
}
