import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { allContracts, checkContract } from '@hub/contracts';
import { HEADER, MESSAGING_OPTIONS, type MessagingOptions, OUTBOX_WRITTEN, OutboxWriter } from '@hub/messaging';
import { childTrace, currentContext } from '@hub/platform';

const BATCH = 5_000;

/**
 * Writes many outbox events with one INSERT per few thousand, in the caller's transaction.
 * Rows, headers and the relay wake-up are exactly those of {@link OutboxWriter.publish}
 * (which costs a round trip per event: a nightly run confirming 100,000 entries would
 * spend most of its time there). A candidate for `OutboxWriter.publishMany` in
 * @hub/messaging; small lists go through the writer itself.
 */
@Injectable()
export class BulkOutbox {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async publishAll(manager: EntityManager, events: readonly (object & { companyId: string })[]): Promise<void> {
    if (events.length <= 3) {
      for (const e of events) await this.outbox.publish(manager, e);
      return;
    }
    if (!manager.queryRunner?.isTransactionActive) throw new Error('BulkOutbox.publishAll needs the EntityManager of an open transaction');
    const checked = new Set<unknown>();
    const traceparent = currentContext().traceparent;
    for (let start = 0; start < events.length; start += BATCH) {
      const ids: string[] = [];
      const subjects: string[] = [];
      const companies: string[] = [];
      const payloads: string[] = [];
      const headers: string[] = [];
      for (const event of events.slice(start, start + BATCH)) {
        const contract = allContracts().find((c) => c.type === event.constructor);
        if (!contract) throw new Error(`${event.constructor.name} is not a registered event contract`);
        // Every event is built by this service from typed data; checking one per contract per
        // call catches a programming error without validating 100,000 identical shapes.
        if (!checked.has(contract.type)) {
          const check = checkContract(contract.type, { ...event });
          if (!check.ok) throw new Error(`Refusing to publish an invalid ${contract.subject}: ${JSON.stringify(check.violations)}`);
          checked.add(contract.type);
        }
        ids.push(randomUUID());
        subjects.push(contract.subject);
        companies.push(event.companyId);
        payloads.push(JSON.stringify({ ...event }));
        headers.push(
          JSON.stringify({
            [HEADER.companyId]: event.companyId,
            [HEADER.traceparent]: childTrace(traceparent).traceparent,
            [HEADER.occurredAt]: new Date().toISOString(),
            [HEADER.producer]: this.options.service,
            [HEADER.subject]: contract.subject,
          }),
        );
      }
      await manager.query(
        `INSERT INTO outbox_message (id, subject, company_id, payload, headers)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`,
        [ids, subjects, companies, payloads, headers],
      );
    }
    const runner = manager.queryRunner;
    (runner.data as Record<string, unknown>)[OUTBOX_WRITTEN] = true;
  }
}
