import { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';

export class LedgerValidationEnv extends ServiceEnv {}

/** Runs on the shared platform (health, metrics, messaging, dead letters); features arrive with their issues. */
export const ledgerValidation: HubServiceDefinition<LedgerValidationEnv> = {
  name: 'ledger-validation',
  description: 'Validates journal entries against project-group rules and exports them to external ledgers',
  defaultPort: 3105,
  env: LedgerValidationEnv,
  entities: [],
  migrations: [],
  modules: () => [],
};
