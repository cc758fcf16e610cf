import { Module } from '@nestjs/common';
import { MasterDataController } from './master-data.controller';
import { MasterDataHandler } from './master-data.handler';
import { MasterDataRepository } from './master-data.repository';

/** The ERP's accounts, dimensions and contacts, kept per company from the ERP's events. */
@Module({
  controllers: [MasterDataController, MasterDataHandler],
  providers: [MasterDataRepository],
  exports: [MasterDataRepository],
})
export class MasterDataModule {}
