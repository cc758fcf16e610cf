import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { CompanyIdPipe } from '@hub/platform';
import { MasterAccount } from './master-account.entity';
import { MasterContact } from './master-contact.entity';
import { MasterDataListQuery, SupplierMatchQuery } from './master-data.dto';
import { MasterDataRepository, type SupplierMatch } from './master-data.repository';
import { MasterDimension } from './master-dimension.entity';

/** Read-only view of the master data the ERP sent, for the coding workspace's pickers. */
@ApiTags('master data (from the ERP)')
@ApiBearerAuth()
@Controller('companies/:companyId/master-data')
export class MasterDataController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MasterDataRepository,
  ) {}

  @Get('accounts')
  @ApiOperation({ summary: 'Chart of accounts as the ERP sent it (active only unless includeInactive)' })
  accounts(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: MasterDataListQuery): Promise<MasterAccount[]> {
    return this.dataSource.getRepository(MasterAccount).find({ where: usable<MasterAccount>(companyId, q), order: { number: 'ASC' } });
  }

  @Get('dimensions')
  @ApiOperation({ summary: 'Dimensions (objects of object types) as the ERP sent them' })
  dimensions(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: MasterDataListQuery): Promise<MasterDimension[]> {
    return this.dataSource
      .getRepository(MasterDimension)
      .find({ where: usable<MasterDimension>(companyId, q), order: { dimensionType: 'ASC', code: 'ASC' } });
  }

  @Get('contacts')
  @ApiOperation({ summary: 'Contacts (suppliers, customers) as the ERP sent them' })
  contacts(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: MasterDataListQuery): Promise<MasterContact[]> {
    return this.dataSource.getRepository(MasterContact).find({ where: usable<MasterContact>(companyId, q), order: { name: 'ASC' } });
  }

  @Get('supplier-match')
  @ApiOperation({ summary: 'The ERP contact a supplier matches: by registration code, then VAT id, then a unique name' })
  async match(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: SupplierMatchQuery): Promise<SupplierMatch> {
    const match = await this.repository.matchSupplier(companyId, q);
    if (!match) throw new NotFoundException('No active ERP supplier matches this registration code, VAT id or name');
    return match;
  }
}

function usable<T extends { companyId: string; active: boolean; deleted: boolean }>(
  companyId: string,
  q: MasterDataListQuery,
): FindOptionsWhere<T> {
  return (q.includeInactive ? { companyId } : { companyId, active: true, deleted: false }) as FindOptionsWhere<T>;
}
