import { Matches } from 'class-validator';
import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';

export class AccountingExportEnv extends ServiceEnv {
  /** base64 of 32 random bytes; encrypts accounting-system credentials at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'CREDENTIALS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  CREDENTIALS_KEY!: string;
}

/** Runs on the shared platform (health, metrics, messaging, dead letters); features arrive with their issues. */
export const accountingExport: HubServiceDefinition<AccountingExportEnv> = {
  name: 'accounting-export',
  description: 'Exports sales invoices to online accounting systems',
  defaultPort: 3106,
  // No Express-specific code: the lighter server (see HttpPlatform in @hub/platform).
  http: 'fastify',
  env: AccountingExportEnv,
  entities: [],
  migrations: [],
  modules: () => [],
};
