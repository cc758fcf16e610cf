import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { GATEWAY_CONNECTION_ENTITIES, GATEWAY_CONNECTION_MIGRATIONS, GatewayConnectionsModule } from '@hub/gateway-connections';

export class ReceiverRegistryEnv extends ServiceEnv {}

export const receiverRegistry: HubServiceDefinition<ReceiverRegistryEnv> = {
  name: 'receiver-registry',
  description: 'Knows which customers and suppliers can receive e-invoices, through which operator or network',
  defaultPort: 3104,
  // No Express-specific code: the lighter server (see HttpPlatform in @hub/platform).
  http: 'fastify',
  env: ReceiverRegistryEnv,
  entities: [...GATEWAY_CONNECTION_ENTITIES],
  migrations: [...GATEWAY_CONNECTION_MIGRATIONS],
  modules: () => [GatewayConnectionsModule],
};
