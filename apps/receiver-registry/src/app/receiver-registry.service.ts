import { Module } from '@nestjs/common';
import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { CompanyConnection } from './connections/company-connection.entity';
import { ConnectionsController } from './connections/connections.controller';
import { CompanyConnections1763900000200 } from './migrations/1763900000200-company-connections.migration';

@Module({ controllers: [ConnectionsController] })
class ConnectionsModule {}

export class ReceiverRegistryEnv extends ServiceEnv {}

export const receiverRegistry: HubServiceDefinition<ReceiverRegistryEnv> = {
  name: 'receiver-registry',
  description: 'Knows which customers and suppliers can receive e-invoices, through which operator or network',
  defaultPort: 3104,
  env: ReceiverRegistryEnv,
  entities: [CompanyConnection],
  migrations: [CompanyConnections1763900000200],
  modules: () => [ConnectionsModule],
};
