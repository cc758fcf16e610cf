import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { FieldError } from '@hub/platform';

export class DimensionDto {
  @ApiProperty({ description: 'Object type (dimension group) code', example: 'DEPT' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, { message: 'type must be an object type code (1-32 letters, digits, _ . -)' })
  type!: string;

  @ApiProperty({ description: 'Object code', example: 'TLN' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;
}

export class LineCodingDto {
  @ApiProperty({ description: 'BT-126 line id of the document line', example: '1' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  lineId!: string;

  @ApiPropertyOptional({ description: 'Account for this line; without one the header account applies', example: '4000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  account?: string | null;

  @ApiPropertyOptional({ type: [DimensionDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => DimensionDto)
  dimensions?: DimensionDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;
}

/** The coding of a document; the whole coding is replaced (absent lists mean empty). */
export class CodingDto {
  @ApiPropertyOptional({ description: "The ERP contact of the supplier; omit to match the document's supplier automatically" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supplierContactId?: string | null;

  @ApiPropertyOptional({ description: 'Header account: applies to every line without its own', example: '4000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  account?: string | null;

  @ApiPropertyOptional({ type: [DimensionDto], description: 'Header objects, at most one per object type' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => DimensionDto)
  dimensions?: DimensionDto[];

  @ApiPropertyOptional({ description: 'Contract reference (BT-12)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  contractReference?: string | null;

  @ApiPropertyOptional({ type: [LineCodingDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  @Type(() => LineCodingDto)
  lines?: LineCodingDto[];
}

export class SupplierView {
  @ApiPropertyOptional({ nullable: true }) contactId!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['registration-code', 'vat-id', 'name', 'manual'] }) matchedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiPropertyOptional({ nullable: true }) registrationCode!: string | null;
  @ApiPropertyOptional({ nullable: true }) vatId!: string | null;
}

export class CodingView {
  @ApiProperty() documentId!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ type: SupplierView }) supplier!: SupplierView;
  @ApiPropertyOptional({ nullable: true }) account!: string | null;
  @ApiProperty({ type: [DimensionDto] }) dimensions!: DimensionDto[];
  @ApiPropertyOptional({ nullable: true }) contractReference!: string | null;
  @ApiProperty({ type: [LineCodingDto] }) lines!: LineCodingDto[];
  @ApiProperty({ description: 'What approval still needs (empty when the document can be approved)' })
  missing!: FieldError[];
  @ApiPropertyOptional({ nullable: true }) updatedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) updatedAt!: string | null;
}
