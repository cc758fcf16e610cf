import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RejectDto {
  @ApiProperty({ description: 'Why the document is rejected (shown in the archive and history)', example: 'Not our order' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ApprovalView {
  @ApiProperty() documentId!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision!: 'approved' | 'rejected';
  @ApiProperty({ description: 'Who decided (`token:<id>`)' }) decidedBy!: string;
  @ApiProperty() decidedAt!: string;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
}
