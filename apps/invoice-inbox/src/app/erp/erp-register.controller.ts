import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { Actor } from '../workspace/actor.decorator';
import { ErpRegisterService } from './erp-register.service';
import { ErpSetting } from './erp-setting.entity';
import {
  ErpSettingsDto,
  ErpSettingsView,
  PurchaseInvoiceRequestDto,
  PurchaseInvoiceRequestView,
  RegisterEntry,
  RegisterQuery,
} from './erp.dto';
import { type Download, RegisterDownloadService } from './register-download.service';

@ApiTags('ERP: incoming e-invoice register')
@ApiBearerAuth()
@Controller('companies/:companyId/erp')
export class ErpRegisterController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly register: ErpRegisterService,
    private readonly downloads: RegisterDownloadService,
  ) {}

  @Get('incoming-invoices')
  @ApiOperation({ summary: 'Published documents for the ERP register, oldest first, with their ERP record when confirmed' })
  @ApiOkResponse({ type: RegisterEntry, isArray: true })
  list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: RegisterQuery): Promise<RegisterEntry[]> {
    return this.register.list(companyId, q);
  }

  @Get('incoming-invoices/:documentId')
  @ApiOkResponse({ type: RegisterEntry })
  get(@Param('companyId', CompanyIdPipe) companyId: string, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<RegisterEntry> {
    return this.register.get(companyId, documentId);
  }

  @Get('incoming-invoices/:documentId/original')
  @ApiOperation({ summary: 'Something readable: the original PDF (or image), or a PDF rendered from an XML-only invoice' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async original(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.downloads.readable(companyId, documentId));
  }

  @Get('incoming-invoices/:documentId/files/:fileId')
  @ApiOperation({ summary: 'An original file of the document, byte for byte as received' })
  async file(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.downloads.file(companyId, documentId, fileId));
  }

  @Post('incoming-invoices/:documentId/purchase-invoice')
  @ApiOperation({ summary: 'Ask for a purchase invoice or prepayment from a recorded document (once per kind)' })
  @ApiOkResponse({ type: PurchaseInvoiceRequestView })
  requestPurchaseInvoice(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: PurchaseInvoiceRequestDto,
    @Actor() actor: string,
  ): Promise<PurchaseInvoiceRequestView> {
    return this.register.request(companyId, documentId, body, actor);
  }

  @Get('settings')
  @ApiOkResponse({ type: ErpSettingsView })
  async settings(@Param('companyId', CompanyIdPipe) companyId: string): Promise<ErpSettingsView> {
    const row = await this.dataSource.getRepository(ErpSetting).findOneBy({ companyId });
    return { autoCreatePurchaseInvoice: row?.autoCreatePurchaseInvoice ?? false, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  @Put('settings')
  @ApiOperation({ summary: '"Create purchase invoice automatically from the e-invoice record"' })
  @ApiOkResponse({ type: ErpSettingsView })
  async putSettings(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: ErpSettingsDto,
    @Actor() actor: string,
  ): Promise<ErpSettingsView> {
    const row: ErpSetting = { companyId, autoCreatePurchaseInvoice: body.autoCreatePurchaseInvoice, updatedBy: actor, updatedAt: new Date() };
    await this.dataSource.getRepository(ErpSetting).save(row);
    return { autoCreatePurchaseInvoice: row.autoCreatePurchaseInvoice, updatedBy: actor, updatedAt: row.updatedAt.toISOString() };
  }
}

function send(res: Response, d: Download): void {
  res.setHeader('content-type', d.contentType);
  res.setHeader('content-disposition', `attachment; filename="${d.filename.replace(/["\\\r\n]/g, '_')}"`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(d.bytes);
}
