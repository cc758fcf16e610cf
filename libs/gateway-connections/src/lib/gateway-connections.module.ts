import { Module } from '@nestjs/common';
import { ConnectionsController } from './connections.controller';

/**
 * Keeps the service's copy of `gateway.connection.registered.v1` and serves it at
 * `GET /companies/:companyId/connections`. Add {@link GATEWAY_CONNECTION_ENTITIES} and
 * {@link GATEWAY_CONNECTION_MIGRATIONS} to the service's lists.
 */
@Module({ controllers: [ConnectionsController] })
export class GatewayConnectionsModule {}
