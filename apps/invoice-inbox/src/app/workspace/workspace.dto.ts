import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const DECIMAL_MESSAGE = '$property must be a decimal number written as text, e.g. "1234.50"';

/**
 * Header fields a person completes or corrects (a scanned PDF arrives with none of them).
 * Only the fields present are changed.
 */
export class CompleteDocumentDto {
  @ApiPropertyOptional({ enum: ['invoice', 'credit-note', 'receipt'] })
  @IsOptional()
  @IsIn(['invoice', 'credit-note', 'receipt'])
  kind?: 'invoice' | 'credit-note' | 'receipt';

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) supplierName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) supplierRegistrationCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) supplierVatId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(64) invoiceNumber?: string;
  @ApiPropertyOptional({ example: '2026-01-31' }) @IsOptional() @IsISO8601({ strict: true }) issueDate?: string;
  @ApiPropertyOptional({ example: '2026-02-14' }) @IsOptional() @IsISO8601({ strict: true }) dueDate?: string;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency?: string;
  @ApiPropertyOptional({ example: '100.00' }) @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) totalNet?: string;
  @ApiPropertyOptional({ example: '22.00' }) @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) totalVat?: string;
  @ApiPropertyOptional({ example: '122.00' }) @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) totalGross?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) amountDue?: string;

  @ApiPropertyOptional({ description: 'Accept the fatal validation findings of the structured data after checking the document' })
  @IsOptional()
  @IsBoolean()
  acceptFindings?: boolean;
}

export class CommentDto {
  @ApiProperty({ example: 'Checked against the order, OK' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

export class CommentView {
  @ApiProperty() id!: string;
  @ApiProperty() author!: string;
  @ApiProperty() text!: string;
  @ApiProperty() createdAt!: string;
}
