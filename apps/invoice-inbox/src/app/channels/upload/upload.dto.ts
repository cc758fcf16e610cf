import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export const UPLOAD_SOURCES = ['upload', 'mobile'] as const;
export const DECLARED_KINDS = ['invoice', 'credit-note', 'receipt'] as const;

/**
 * The text fields of a multipart upload (the files travel in `files`). The mobile app uses
 * the same request with `source=mobile` and names the device and the user.
 */
export class UploadDocumentDto {
  @ApiPropertyOptional({ enum: UPLOAD_SOURCES, default: 'upload' })
  @IsOptional()
  @IsIn(UPLOAD_SOURCES)
  source?: (typeof UPLOAD_SOURCES)[number];

  @ApiPropertyOptional({ enum: DECLARED_KINDS, description: 'What the document is, when the uploader knows (a receipt is never merged with an invoice)' })
  @IsOptional()
  @IsIn(DECLARED_KINDS)
  documentType?: (typeof DECLARED_KINDS)[number];

  @ApiPropertyOptional({ description: 'Device id (required with source=mobile)', example: 'iphone-7f3a' })
  @ValidateIf((o: UploadDocumentDto) => o.source === 'mobile' || o.deviceId !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @Matches(/^[\w.:-]+$/, { message: 'deviceId must be letters, digits, _ . : or -' })
  deviceId?: string;

  @ApiPropertyOptional({ description: 'Device name shown to people', example: "Mari's phone" })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  deviceName?: string;

  @ApiPropertyOptional({ description: 'User of the app (required with source=mobile)', example: 'mari@example.com' })
  @ValidateIf((o: UploadDocumentDto) => o.source === 'mobile' || o.userId !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  userId?: string;
}

export class UploadedDocumentView {
  @ApiProperty() documentId!: string;
  @ApiProperty() receiptId!: string;
  @ApiProperty({ description: 'The company already had this document; the upload was recorded as one more receipt' }) duplicate!: boolean;
  @ApiProperty({ enum: ['new', 'fingerprint', 'sha256'] }) matchedBy!: string;
  @ApiProperty() state!: string;
  @ApiProperty() href!: string;
}

export class UploadResultView {
  @ApiProperty({ type: UploadedDocumentView, isArray: true }) documents!: UploadedDocumentView[];
}
