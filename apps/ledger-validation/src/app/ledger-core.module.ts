import { Module } from '@nestjs/common';
import { ChangeStatusUseCase } from './entries/change-status.usecase';
import { EntryWriter } from './entries/entry-writer';
import { IngestEntriesUseCase } from './entries/ingest-entries.usecase';
import { RuleSetStore } from './rules/rule-set.store';
import { SettingsStore } from './settings/settings.store';
import { CLOCK, systemClock } from './validation/clock';
import { FailureMailer } from './validation/failure-mailer';
import { ValidationResultsWriter } from './validation/validation-results.writer';
import { ValidationRunUseCase } from './validation/validation-run.usecase';

/**
 * The service's shared core: stores and use cases the feature modules (and the export
 * adapters, which lock entries through ChangeStatusUseCase) inject.
 */
@Module({
  providers: [
    RuleSetStore,
    SettingsStore,
    EntryWriter,
    ValidationResultsWriter,
    IngestEntriesUseCase,
    ChangeStatusUseCase,
    FailureMailer,
    ValidationRunUseCase,
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [RuleSetStore, SettingsStore, EntryWriter, ValidationResultsWriter, IngestEntriesUseCase, ChangeStatusUseCase, ValidationRunUseCase, CLOCK],
})
export class LedgerCoreModule {}
