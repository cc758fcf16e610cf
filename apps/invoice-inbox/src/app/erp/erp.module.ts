import { Module } from '@nestjs/common';
import { CodingModule } from '../coding/coding.module';
import { ErpConfirmationHandler } from './erp-confirmation.handler';
import { ErpRegisterController } from './erp-register.controller';
import { ErpRegisterService } from './erp-register.service';
import { RegisterDownloadService } from './register-download.service';
import { RequestPurchaseInvoiceUseCase } from './request-purchase-invoice.usecase';
import { SalesInvoiceRegisterController } from './sales-invoice-register.controller';
import { SalesInvoiceHandler } from './sales-invoice.handler';

/** The ERP side: incoming e-invoice register, ERP confirmations, purchase-invoice requests, sales-invoice register. */
@Module({
  imports: [CodingModule],
  controllers: [ErpRegisterController, SalesInvoiceRegisterController, ErpConfirmationHandler, SalesInvoiceHandler],
  providers: [ErpRegisterService, RegisterDownloadService, RequestPurchaseInvoiceUseCase],
})
export class ErpModule {}
