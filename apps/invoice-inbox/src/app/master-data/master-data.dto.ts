import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class MasterDataListQuery {
  @ApiPropertyOptional({ description: 'Also list inactive and deleted records', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  includeInactive?: boolean;
}

export class SupplierMatchQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) registrationCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) vatId?: string;
}
