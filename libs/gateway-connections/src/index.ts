import { CompanyConnection } from './lib/company-connection.entity';
import { CompanyConnections1763900000200 } from './lib/company-connections.migration';

export { CompanyConnection } from './lib/company-connection.entity';
export { GatewayConnectionsModule } from './lib/gateway-connections.module';

export const GATEWAY_CONNECTION_ENTITIES = [CompanyConnection];
export const GATEWAY_CONNECTION_MIGRATIONS = [CompanyConnections1763900000200];
