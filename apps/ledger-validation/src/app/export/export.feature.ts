import type { DynamicModule } from '@nestjs/common';
import { LedgerCoreModule } from '../ledger-core.module';
import { ExportModule } from './export.module';
import { ENTRY_LOCKER } from './ports/entry-locker.port';
import { EXPORTABLE_ENTRY_SOURCE } from './ports/exportable-entry-source.port';
import { ChangeStatusEntryLocker } from './wiring/change-status.entry-locker';
import { JournalEntryExportSource } from './wiring/journal-entry-export.source';

/** The export wired to the service's entries: read from their tables, lock through ChangeStatusUseCase. */
export function exportFeature(): DynamicModule {
  return ExportModule.register({
    imports: [LedgerCoreModule],
    source: { provide: EXPORTABLE_ENTRY_SOURCE, useClass: JournalEntryExportSource },
    locker: { provide: ENTRY_LOCKER, useClass: ChangeStatusEntryLocker },
  });
}
