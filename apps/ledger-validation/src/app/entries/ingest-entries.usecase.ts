import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RuleSetStore } from '../rules/rule-set.store';
import { SettingsStore } from '../settings/settings.store';
import { judgeEntries } from '../validation/entry-judging';
import { ValidationResultsWriter } from '../validation/validation-results.writer';
import type { EntryInput } from './entry-input';
import { EntryWriter, type UpsertOutcome } from './entry-writer';

export type IngestCounts = Record<UpsertOutcome, number> & { confirmed: number; rejected: number };

/**
 * Every way an entry comes in (event, bulk import) goes through here, so the same rules
 * apply to all: store by (company, number), then — if the company validates on arrival —
 * judge what was created or changed, in the same transaction.
 */
@Injectable()
export class IngestEntriesUseCase {
  constructor(
    private readonly writer: EntryWriter,
    private readonly settings: SettingsStore,
    private readonly rules: RuleSetStore,
    private readonly results: ValidationResultsWriter,
  ) {}

  async ingest(manager: EntityManager, companyId: string, inputs: readonly EntryInput[], actor: string): Promise<IngestCounts> {
    const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, stale: 0, 'held-locked': 0, confirmed: 0, rejected: 0 };
    const toJudge: { id: string; number: string; date: string }[] = [];
    for (const input of inputs) {
      const { outcome, entryId } = await this.writer.upsert(manager, companyId, input, actor);
      counts[outcome]++;
      if (outcome === 'created' || outcome === 'updated') toJudge.push({ id: entryId, number: input.number, date: input.date });
    }
    if (toJudge.length > 0 && (await this.settings.get(companyId, manager)).validateOnArrivalEffective) {
      const verdicts = await judgeEntries(manager, toJudge, await this.rules.judge(companyId, manager));
      const applied = await this.results.apply(manager, companyId, verdicts, 'arrival', null);
      counts.confirmed = applied.confirmed;
      counts.rejected = applied.rejected;
    }
    return counts;
  }
}
