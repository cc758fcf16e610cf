import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DOCUMENT_STATES } from '../documents/document-state';

export const APPROVAL_FILTERS = ['pending', 'approved', 'rejected'] as const;
export const ERP_FILTERS = ['not-published', 'published', 'in-erp'] as const;

export class ArchiveQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_STATES }) @IsOptional() @IsIn(DOCUMENT_STATES) state?: (typeof DOCUMENT_STATES)[number];
  @ApiPropertyOptional({ enum: APPROVAL_FILTERS, description: 'pending = no decision yet' })
  @IsOptional()
  @IsIn(APPROVAL_FILTERS)
  approval?: (typeof APPROVAL_FILTERS)[number];

  @ApiPropertyOptional({ enum: ERP_FILTERS, description: 'published = published, not yet confirmed by the ERP' })
  @IsOptional()
  @IsIn(ERP_FILTERS)
  erp?: (typeof ERP_FILTERS)[number];

  @ApiPropertyOptional({ description: 'Supplier name (substring), ERP contact id, registration code or VAT id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  supplier?: string;

  @ApiPropertyOptional({ description: 'Invoice number (exact)' }) @IsOptional() @IsString() @MaxLength(64) invoiceNumber?: string;
  @ApiPropertyOptional({ description: 'Issue date from (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issue date to (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) issuedTo?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ArchiveApproval {
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) decision!: string;
  @ApiPropertyOptional({ nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
}

export class ArchiveErp {
  @ApiProperty({ enum: ERP_FILTERS }) state!: string;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) recordedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) erpRecordId!: string | null;
  @ApiProperty({ description: 'Purchase invoice / prepayment requests sent to the ERP' }) purchaseInvoiceRequests!: string[];
}

export class ArchiveItem {
  @ApiProperty() documentId!: string;
  @ApiProperty({ enum: DOCUMENT_STATES }) state!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ nullable: true }) supplierName!: string | null;
  @ApiPropertyOptional({ nullable: true }) supplierContactId!: string | null;
  @ApiPropertyOptional({ nullable: true }) invoiceNumber!: string | null;
  @ApiPropertyOptional({ nullable: true }) issueDate!: string | null;
  @ApiPropertyOptional({ nullable: true }) currency!: string | null;
  @ApiPropertyOptional({ nullable: true }) totalGross!: string | null;
  @ApiProperty({ type: ArchiveApproval }) approval!: ArchiveApproval;
  @ApiProperty({ type: ArchiveErp }) erp!: ArchiveErp;
}

export class ArchivePage {
  @ApiProperty({ type: [ArchiveItem] }) items!: ArchiveItem[];
  @ApiProperty() total!: number;
}
