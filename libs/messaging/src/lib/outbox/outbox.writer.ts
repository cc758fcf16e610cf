import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { checkContract, contractFor, allContracts, type EventContractMeta } from '@hub/contracts';
import { childTrace, currentContext } from '@hub/platform';
import { HEADER } from '../message-headers';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../nats/nats-connection.service';

const OUTBOX_INSERT = `INSERT INTO outbox_message (id, subject, company_id, payload, headers) VALUES ($1, $2, $3, $4, $5)`;

/** Marks a query runner whose transaction wrote outbox rows (read by the relay after commit). */
export const OUTBOX_WRITTEN = 'hub:outbox-written';

/** Postgres channel the relay also listens on (for writers outside the service's process). */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Writes events into the outbox inside the caller's transaction: the event exists if and
 * only if the business change committed. The relay publishes it afterwards.
 */
@Injectable()
export class OutboxWriter {
  /** Contract by class (allContracts() sorts on every call: too slow per event). */
  private byType = new Map<unknown, EventContractMeta>();

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /**
   * @param manager the transaction's EntityManager (never the global one).
   * @param event an instance of a contract class (its subject comes from the class).
   * @returns the message id (also the `Nats-Msg-Id`).
   */
  async publish(manager: EntityManager, event: object & { companyId: string }, id: string = randomUUID()): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.publish needs the EntityManager of an open transaction');
    }
    const contract = this.contractOf(event.constructor);
    if (!contract) throw new Error(`${event.constructor.name} is not a registered event contract`);
    const check = checkContract(contract.type, { ...event });
    if (!check.ok) {
      throw new Error(`Refusing to publish an invalid ${contract.subject}: ${JSON.stringify(check.violations)}`);
    }
    const ctx = currentContext();
    const trace = childTrace(ctx.traceparent);
    const headers: Record<string, string> = {
      [HEADER.companyId]: event.companyId,
      [HEADER.traceparent]: trace.traceparent,
      [HEADER.occurredAt]: new Date().toISOString(),
      [HEADER.producer]: this.options.service,
      [HEADER.subject]: contract.subject,
    };
    // No NOTIFY here: a transaction that NOTIFYs holds Postgres' cluster-wide notify-queue
    // lock through its commit (WAL flush included), so every outbox write in every service
    // would commit one after another (~240 commits/s on this machine's disk). The relay in
    // this process is woken when this transaction commits (see OutboxRelay), replicas poll.
    const values = [id, contract.subject, event.companyId, JSON.stringify({ ...event }), JSON.stringify(headers)];
    // Straight on the transaction's own connection, as a prepared statement (parsed and
    // planned once per connection): TypeORM's per-query work buys nothing here.
    const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
    if (client && typeof client.query === 'function') {
      await client.query({ name: 'hub_outbox_insert', text: OUTBOX_INSERT, values });
    } else {
      await manager.query(OUTBOX_INSERT, values);
    }
    const runner = manager.queryRunner;
    if (runner) (runner.data as Record<string, unknown>)[OUTBOX_WRITTEN] = true;
    return id;
  }

  private contractOf(type: unknown): EventContractMeta | undefined {
    let contract = this.byType.get(type);
    if (!contract) {
      // Contracts register when their module loads: a miss refreshes the index.
      this.byType = new Map(allContracts().map((c) => [c.type, c]));
      contract = this.byType.get(type);
    }
    return contract;
  }

  /** Subject of a contract class, for tests and subscribers. */
  static subjectOf(type: new () => object): string {
    const contract = allContracts().find((c) => c.type === type);
    if (!contract || !contractFor(contract.subject)) throw new Error(`${type.name} is not a registered event contract`);
    return contract.subject;
  }
}
