import { type DynamicModule, type ModuleMetadata, Module, type Provider } from '@nestjs/common';
import { CredentialCipher, SERVICE_ENV } from '@hub/platform';
import { type ExportTarget, LEDGER_EXPORT_ADAPTERS, type LedgerExportAdapter } from './adapters/ledger-export-adapter.port';
import { OutboundPolicy, parseHostList } from './adapters/outbound-policy';
import { SageExportAdapter } from './adapters/sage/sage-export.adapter';
import { SapB1ExportAdapter } from './adapters/sap-b1/sap-b1-export.adapter';
import { XeroExportAdapter } from './adapters/xero/xero-export.adapter';
import { EntryExportRepository } from './batches/entry-export.repository';
import { ExportBatchRunner } from './batches/export-batch.runner';
import { ExportBatchesQuery } from './batches/export-batches.query';
import { ExportEntryUseCase } from './batches/export-entry.usecase';
import { ExportItemRepository } from './batches/export-item.repository';
import { StartExportUseCase } from './batches/start-export.usecase';
import { ExportCredentialsService } from './credentials/export-credentials.service';
import { ExportController } from './export.controller';
import type { ExportEnv } from './export.env';
import { ExportMetrics } from './export-metrics';
import { EXPORT_SETTINGS, type ExportSettings } from './export-settings';

/** How the export reaches the entries feature: the module that provides the two ports, and the providers. */
export interface ExportPorts {
  imports?: ModuleMetadata['imports'];
  /** Provides `EXPORTABLE_ENTRY_SOURCE`. */
  source: Provider;
  /** Provides `ENTRY_LOCKER`. */
  locker: Provider;
}

/**
 * Export of confirmed journal entries to Xero, Sage and SAP Business One: credentials,
 * batches, workers and the HTTP API. The entries themselves come through two ports, so
 * the module does not depend on how the entries feature stores them.
 */
@Module({})
export class ExportModule {
  static register(ports: ExportPorts): DynamicModule {
    return {
      module: ExportModule,
      imports: ports.imports ?? [],
      controllers: [ExportController],
      providers: [
        ports.source,
        ports.locker,
        { provide: CredentialCipher, useFactory: (env: ExportEnv) => new CredentialCipher(env.CREDENTIALS_KEY), inject: [SERVICE_ENV] },
        {
          provide: EXPORT_SETTINGS,
          useFactory: (env: ExportEnv): ExportSettings => ({
            timeoutMs: env.EXPORT_TIMEOUT_MS,
            maxAttempts: env.EXPORT_MAX_ATTEMPTS,
            backoffMs: env.EXPORT_BACKOFF_MS,
            rateLimitMaxWaitMs: env.EXPORT_RATE_LIMIT_MAX_WAIT_MS,
            pollMs: env.EXPORT_POLL_MS,
            batchMaxEntries: env.EXPORT_BATCH_MAX_ENTRIES,
          }),
          inject: [SERVICE_ENV],
        },
        {
          provide: LEDGER_EXPORT_ADAPTERS,
          useFactory: (env: ExportEnv): ReadonlyMap<ExportTarget, LedgerExportAdapter> => {
            // URLs a company stores are called only under this policy; XERO_API_URL and SAGE_API_URL are the operator's.
            const policy = new OutboundPolicy(parseHostList(env.EXPORT_ALLOWED_PRIVATE_HOSTS));
            const adapters: LedgerExportAdapter[] = [
              new XeroExportAdapter(() => env.XERO_API_URL.replace(/\/+$/, ''), env.EXPORT_TIMEOUT_MS, policy),
              new SageExportAdapter(() => env.SAGE_API_URL.replace(/\/+$/, ''), env.EXPORT_TIMEOUT_MS, policy),
              new SapB1ExportAdapter(env.EXPORT_TIMEOUT_MS, policy),
            ];
            return new Map(adapters.map((a) => [a.target, a]));
          },
          inject: [SERVICE_ENV],
        },
        ExportMetrics,
        ExportCredentialsService,
        EntryExportRepository,
        ExportItemRepository,
        ExportEntryUseCase,
        ExportBatchRunner,
        ExportBatchesQuery,
        StartExportUseCase,
      ],
    };
  }
}
