import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { GATEWAY_CONNECTION_ENTITIES, GATEWAY_CONNECTION_MIGRATIONS, GatewayConnectionsModule } from '@hub/gateway-connections';

export class MasterDataSyncEnv extends ServiceEnv {}

export const masterDataSync: HubServiceDefinition<MasterDataSyncEnv> = {
  name: 'master-data-sync',
  description: 'Keeps operator platforms fed with the ERP suppliers, accounts, dimensions and objects',
  defaultPort: 3102,
  // No Express-specific code: the lighter server (see HttpPlatform in @hub/platform).
  http: 'fastify',
  env: MasterDataSyncEnv,
  entities: [...GATEWAY_CONNECTION_ENTITIES],
  migrations: [...GATEWAY_CONNECTION_MIGRATIONS],
  modules: () => [GatewayConnectionsModule],
};
