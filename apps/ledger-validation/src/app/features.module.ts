import { Module } from '@nestjs/common';
import { EntriesController } from './entries/entries.controller';
import { EntriesQuery } from './entries/entries.query';
import { ErpEventsController } from './entries/erp-events.controller';
import { LedgerCoreModule } from './ledger-core.module';
import { ReportsController } from './reports/reports.controller';
import { RulesController } from './rules/rules.controller';
import { SettingsController } from './settings/settings.controller';
import { NightlyScheduler } from './validation/nightly.scheduler';
import { ValidationController } from './validation/validation.controller';

/** Entries (events, import, statuses), rules, settings, validation runs and the nightly scheduler, reports. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [ErpEventsController, EntriesController, RulesController, SettingsController, ValidationController, ReportsController],
  providers: [EntriesQuery, NightlyScheduler],
})
export class LedgerFeaturesModule {}
