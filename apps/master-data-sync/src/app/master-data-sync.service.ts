import { Module } from '@nestjs/common';
import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { CompanyConnection } from './connections/company-connection.entity';
import { ConnectionsController } from './connections/connections.controller';
import { CompanyConnections1763900000200 } from './migrations/1763900000200-company-connections.migration';

@Module({ controllers: [ConnectionsController] })
class ConnectionsModule {}

export class MasterDataSyncEnv extends ServiceEnv {}

export const masterDataSync: HubServiceDefinition<MasterDataSyncEnv> = {
  name: 'master-data-sync',
  description: 'Keeps operator platforms fed with the ERP suppliers, accounts, dimensions and objects',
  defaultPort: 3102,
  env: MasterDataSyncEnv,
  entities: [CompanyConnection],
  migrations: [CompanyConnections1763900000200],
  modules: () => [ConnectionsModule],
};
