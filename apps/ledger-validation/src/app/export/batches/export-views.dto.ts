import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { EXPORT_TARGETS, type ExportTarget } from '../adapters/ledger-export-adapter.port';
import type { ExportProblem } from '../adapters/export-error';

export class StartExportDto {
  @ApiProperty({ enum: EXPORT_TARGETS })
  @IsIn(EXPORT_TARGETS)
  target!: ExportTarget;

  @ApiPropertyOptional({ description: 'Export this one entry; without it, every confirmed entry of the company' })
  @IsOptional()
  @IsUUID()
  entryId?: string;
}

export class ListBatchesQuery {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ExportItemView {
  @ApiProperty() entryId!: string;
  @ApiPropertyOptional() entryNumber?: string;
  @ApiProperty({ enum: ['pending', 'exported', 'failed', 'skipped'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ description: "The journal's id in the target" }) externalId?: string;
  @ApiPropertyOptional() externalNumber?: string;
  @ApiPropertyOptional({ enum: ['retryable', 'needs-a-person', 'terminal'] }) errorClass?: string;
  @ApiPropertyOptional() errorMessage?: string;
  @ApiPropertyOptional({ description: "The target's HTTP status, error code and field problems" })
  errorDetails?: { httpStatus?: number; code?: string; problems?: ExportProblem[] };
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty() updatedAt!: string;
}

export class ExportBatchView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EXPORT_TARGETS }) target!: string;
  @ApiProperty({ enum: ['entry', 'all-confirmed'] }) scope!: string;
  @ApiProperty({ enum: ['queued', 'running', 'waiting', 'done'], description: 'waiting = paused by a rate limit until resumeAt' })
  status!: string;
  @ApiProperty() total!: number;
  @ApiProperty() exported!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() resumeAt?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional({ type: [ExportItemView] }) items?: ExportItemView[];
}

export class EntryExportView {
  @ApiProperty({ enum: EXPORT_TARGETS }) target!: string;
  @ApiProperty() entryId!: string;
  @ApiProperty() entryNumber!: string;
  @ApiProperty({ enum: ['in-flight', 'uncertain', 'not-created', 'exported'] }) state!: string;
  @ApiProperty({ description: 'Sent as Idempotency-Key (Xero), idempotency_id (Sage) or Reference (SAP B1)' }) idempotencyKey!: string;
  @ApiPropertyOptional() externalId?: string;
  @ApiPropertyOptional() externalNumber?: string;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional() exportedAt?: string;
}
