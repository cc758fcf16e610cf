import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DOCUMENT_CHANNELS, type DocumentChannel } from './document-channel';
import { DOCUMENT_STATES, type DocumentState } from './document-state';

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** Query of the document list. */
export class ListDocumentsQuery {
  @ApiPropertyOptional({ description: 'One or more states, comma-separated', example: 'ready,needs-attention' })
  @IsOptional()
  @Transform(toList)
  @IsIn(DOCUMENT_STATES, { each: true })
  state?: DocumentState[];

  @ApiPropertyOptional({ enum: DOCUMENT_CHANNELS, description: 'Documents with at least one receipt by this channel' })
  @IsOptional()
  @IsIn(DOCUMENT_CHANNELS)
  channel?: DocumentChannel;

  @ApiPropertyOptional({ description: 'Received at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Received before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Part of the supplier name, or its VAT id / registration code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  supplier?: string;

  @ApiPropertyOptional({ description: 'true: only documents needing attention; false: all others' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  needsAttention?: boolean;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class FindingView {
  @ApiProperty({ enum: ['validator', 'digitise', 'ingest', 'coding'] }) source!: string;
  @ApiProperty({ enum: ['fatal', 'warning', 'info'] }) flag!: string;
  @ApiProperty({ example: 'BR-CO-15' }) rule!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() location?: string;
  @ApiPropertyOptional() file?: string;
}

export class DocumentSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty({ enum: DOCUMENT_STATES }) state!: string;
  @ApiProperty() needsAttention!: boolean;
  @ApiProperty({ enum: DOCUMENT_CHANNELS, description: 'Channel of the first receipt' }) channel!: string;
  @ApiProperty({ enum: ['invoice', 'credit-note', 'receipt', 'unknown'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) typeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierName!: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierIdentifier!: string | null;
  @ApiProperty({ nullable: true, type: String }) invoiceNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-31' }) issueDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '125.00' }) totalNet!: string | null;
  @ApiProperty({ nullable: true, type: String }) totalVat!: string | null;
  @ApiProperty({ nullable: true, type: String }) totalGross!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ description: 'Deliveries of this document (duplicates add receipts, not documents)' }) receiptCount!: number;
  @ApiProperty() fatalFindings!: number;
  @ApiProperty() warnings!: number;
}

export class DocumentListView {
  @ApiProperty({ type: DocumentSummaryView, isArray: true }) items!: DocumentSummaryView[];
  @ApiProperty() total!: number;
}

export class ReceiptView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DOCUMENT_CHANNELS }) channel!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ enum: ['new', 'fingerprint', 'sha256'] }) matchedBy!: string;
  @ApiProperty({ nullable: true, type: String }) externalRef!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) source!: Record<string, string>;
}

export class FileView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['invoice-xml', 'rendering', 'embedded-xml', 'image', 'attachment'] }) role!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() receiptId!: string;
  @ApiProperty({ description: 'Relative URL of the bytes' }) href!: string;
}

export class TransitionView {
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() at!: string;
}

export class DocumentDetailView extends DocumentSummaryView {
  @ApiProperty({ nullable: true, type: String }) syntax!: string | null;
  @ApiProperty({ nullable: true, type: String }) profile!: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierVatId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierRegistrationCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) amountDue!: string | null;
  @ApiProperty({ nullable: true, type: String }) buyerReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) orderReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) contractReference!: string | null;
  @ApiProperty({ type: FindingView, isArray: true }) findings!: FindingView[];
  @ApiProperty({ type: ReceiptView, isArray: true }) receipts!: ReceiptView[];
  @ApiProperty({ type: FileView, isArray: true }) files!: FileView[];
  @ApiProperty({ type: TransitionView, isArray: true }) transitions!: TransitionView[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'EN 16931 model read from the XML' })
  invoice!: Record<string, unknown> | null;
}
