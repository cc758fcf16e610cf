import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ErpAccountChanged, ErpJournalEntryUpserted, ErpLedgerAccountChanged, ErpProjectChanged, ErpProjectGroupChanged } from '@hub/contracts';
import { JetStreamContext } from '@hub/messaging';
import { IngestEntriesUseCase } from './ingest-entries.usecase';

/**
 * What the ERP publishes. Contract violations (unbalanced rows, unknown fields, wrong
 * types) never reach these handlers: the transport dead-letters them with the reason.
 * Names from the chart of accounts and project groups keep the newest change only.
 */
@Controller()
export class ErpEventsController {
  constructor(private readonly ingest: IngestEntriesUseCase) {}

  @EventPattern('erp.journal-entry.upserted.v1')
  async onJournalEntry(@Payload() event: ErpJournalEntryUpserted, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { companyId, ...input } = event;
    await this.ingest.ingest(ctx.manager, companyId, [input], 'erp');
  }

  /** The ERP's chart of accounts, as the inbox reads it too (one event for the ERP to send). */
  @EventPattern('erp.account.changed.v1')
  async onAccount(@Payload() e: ErpAccountChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsertAccount(ctx, e.companyId, e.number, e.name, e.deleted ?? false, e.changedAt);
  }

  /**
   * Deprecated: the same chart of accounts under the ledger's first subject, still accepted
   * (account numbers longer than `erp.account.changed.v1`'s 32 characters only come this way).
   * Both feed one table; the newest change of an account wins whichever subject brought it.
   */
  @EventPattern('erp.ledger-account.changed.v1')
  async onLedgerAccount(@Payload() e: ErpLedgerAccountChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsertAccount(ctx, e.companyId, e.accountNumber, e.name, e.deleted ?? false, e.changedAt);
  }

  private async upsertAccount(ctx: JetStreamContext, companyId: string, number: string, name: string, deleted: boolean, changedAt: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO ledger_account (company_id, number, name, deleted, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (company_id, number) DO UPDATE SET name = EXCLUDED.name, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at
       WHERE ledger_account.changed_at <= EXCLUDED.changed_at`,
      [companyId, number, name, deleted, changedAt],
    );
  }

  @EventPattern('erp.project-group.changed.v1')
  async onProjectGroup(@Payload() e: ErpProjectGroupChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO project_group (company_id, code, name, deleted, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (company_id, code) DO UPDATE SET name = EXCLUDED.name, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at
       WHERE project_group.changed_at <= EXCLUDED.changed_at`,
      [e.companyId, e.code, e.name, e.deleted ?? false, e.changedAt],
    );
  }

  @EventPattern('erp.project.changed.v1')
  async onProject(@Payload() e: ErpProjectChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO project (company_id, group_code, code, name, deleted, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (company_id, group_code, code) DO UPDATE SET name = EXCLUDED.name, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at
       WHERE project.changed_at <= EXCLUDED.changed_at`,
      [e.companyId, e.group, e.code, e.name, e.deleted ?? false, e.changedAt],
    );
  }
}
