import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';

export class InvoiceInboxEnv extends ServiceEnv {}

/** Runs on the shared platform (health, metrics, messaging, dead letters); features arrive with their issues. */
export const invoiceInbox: HubServiceDefinition<InvoiceInboxEnv> = {
  name: 'invoice-inbox',
  description: 'Receives purchase documents from every channel, digitises, codes, approves and publishes them into the ERP',
  defaultPort: 3103,
  env: InvoiceInboxEnv,
  entities: [],
  migrations: [],
  modules: () => [],
};
