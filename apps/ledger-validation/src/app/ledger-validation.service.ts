import type { HubServiceDefinition } from '@hub/service-kit';
import { EXPORT_ENTITIES, EXPORT_MIGRATIONS } from './export/export.entities';
import { exportFeature } from './export/export.feature';
import { LedgerFeaturesModule } from './features.module';
import { LedgerValidationEnv } from './ledger-validation.env';
import { Ledger1763900001000 } from './migrations/1763900001000-ledger.migration';

export { LedgerValidationEnv } from './ledger-validation.env';

/**
 * Journal entries from the ERP, validated against versioned project-group rules;
 * statuses with an audit trail; nightly runs with failure mail; CSV reports.
 */
export const ledgerValidation: HubServiceDefinition<LedgerValidationEnv> = {
  name: 'ledger-validation',
  description: 'Validates journal entries against project-group rules and exports them to external ledgers',
  defaultPort: 3105,
  env: LedgerValidationEnv,
  entities: [...EXPORT_ENTITIES],
  migrations: [
    Ledger1763900001000,
    ...EXPORT_MIGRATIONS,
  ],
  modules: () => [
    LedgerFeaturesModule,
    exportFeature(),
  ],
};
