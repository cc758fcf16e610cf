import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PURCHASE_INVOICE_KINDS, type PurchaseInvoiceKind } from '@hub/contracts';

export class RegisterQuery {
  @ApiPropertyOptional({ enum: ['published', 'in-erp', 'all'], default: 'all', description: 'published = not yet recorded by the ERP' })
  @IsOptional()
  @IsIn(['published', 'in-erp', 'all'])
  state?: 'published' | 'in-erp' | 'all';

  @ApiPropertyOptional({ description: 'Published at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class RegisterEntry {
  @ApiProperty() documentId!: string;
  @ApiProperty({ enum: ['published', 'in-erp'] }) state!: string;
  @ApiProperty() publishedAt!: string;
  @ApiPropertyOptional({ nullable: true }) erpRecordId!: string | null;
  @ApiPropertyOptional({ nullable: true }) erpRecordNumber!: string | null;
  @ApiPropertyOptional({ nullable: true }) recordedAt!: string | null;
  @ApiProperty({ description: 'Purchase invoice / prepayment requests sent for this document' }) purchaseInvoiceRequests!: string[];
  @ApiProperty({ description: 'The document as published (the inbox.document.published.v1 payload)' })
  document!: Record<string, unknown>;
}

export class PurchaseInvoiceRequestDto {
  @ApiProperty({ enum: PURCHASE_INVOICE_KINDS })
  @IsIn(PURCHASE_INVOICE_KINDS)
  kind!: PurchaseInvoiceKind;

  @ApiPropertyOptional({ description: 'For a prepayment: the amount (decimal text); default the amount due', example: '50.00' })
  @IsOptional()
  @Matches(/^\d{1,15}(\.\d{1,4})?$/, { message: 'amount must be a positive decimal number written as text' })
  amount?: string;
}

export class PurchaseInvoiceRequestView {
  @ApiProperty() documentId!: string;
  @ApiProperty({ enum: PURCHASE_INVOICE_KINDS }) kind!: string;
  @ApiProperty({ enum: ['automatic', 'api'] }) trigger!: string;
  @ApiPropertyOptional({ nullable: true }) requestedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) amount!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ description: 'False when this kind had been requested before: nothing new was sent' }) newlyRequested!: boolean;
}

export class ErpSettingsDto {
  @ApiProperty({ description: 'Create purchase invoice automatically from the e-invoice record' })
  @IsBoolean()
  autoCreatePurchaseInvoice!: boolean;
}

export class ErpSettingsView extends ErpSettingsDto {
  @ApiPropertyOptional({ nullable: true }) updatedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) updatedAt!: string | null;
}

export class SalesInvoiceQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) platform?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) invoiceNumber?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
