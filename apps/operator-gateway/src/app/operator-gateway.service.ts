import type { HubServiceDefinition } from '@hub/service-kit';
import { InboundModule } from './inbound/inbound.module';
import { Registrations1763900000100 } from './migrations/1763900000100-registrations.migration';
import { Inbound1763900000200 } from './migrations/1763900000200-inbound.migration';
import { ClaimsAndLinks1763900000300 } from './migrations/1763900000300-claims-and-links.migration';
import { OperatorGatewayEnv } from './operator-gateway.env';
import { OperatorCredential } from './registration/operator-credential.entity';
import { RegistrationModule } from './registration/registration.module';
import { ServiceRegistration } from './registration/service-registration.entity';

export const operatorGateway: HubServiceDefinition<OperatorGatewayEnv> = {
  name: 'operator-gateway',
  description: 'Connects companies to e-invoice operators: keys, e-services registration, documents in and out',
  defaultPort: 3101,
  env: OperatorGatewayEnv,
  entities: [OperatorCredential, ServiceRegistration],
  migrations: [Registrations1763900000100, Inbound1763900000200, ClaimsAndLinks1763900000300],
  modules: () => [RegistrationModule, InboundModule],
};
