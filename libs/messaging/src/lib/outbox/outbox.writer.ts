import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { validateSync } from 'class-validator';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import {
  CONTRACT_VALIDATION,
  checkContract,
  contractFor,
  allContracts,
  type EventContractMeta,
} from '@hub/contracts';
import { childTrace, currentContext } from '@hub/platform';
import { HEADER } from '../message-headers';
import { type ClientPool, checkOut } from './pool-client';
import {
  MESSAGING_OPTIONS,
  type MessagingOptions,
} from '../nats/nats-connection.service';

const OUTBOX_INSERT = `INSERT INTO outbox_message (id, subject, company_id, payload, headers) VALUES ($1, $2, $3, $4, $5)`;

/** Marks a query runner whose transaction wrote outbox rows (read by the relay after commit). */
export const OUTBOX_WRITTEN = 'hub:outbox-written';

const BULK_BATCH = 5_000;

function assertTransaction(manager: EntityManager, method: string): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      `OutboxWriter.${method} needs the EntityManager of an open transaction`,
    );
  }
}

/** Tells the relay in this process to publish once this transaction commits. */
function markWritten(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (runner) (runner.data as Record<string, unknown>)[OUTBOX_WRITTEN] = true;
}

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
  /** Told when rows were written outside a transaction (already committed): the relay. */
  private readonly committedListeners = new Set<(rows: readonly CommittedOutboxRow[]) => void>();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * @param manager the transaction's EntityManager (never the global one).
   * @param event an instance of a contract class (its subject comes from the class).
   * @returns the message id (also the `Nats-Msg-Id`).
   */
  async publish(
    manager: EntityManager,
    event: object & { companyId: string },
    id: string = randomUUID(),
  ): Promise<string> {
    assertTransaction(manager, 'publish');
    const contract = this.contractFor(event);
    this.validate(contract, event);
    // No NOTIFY here: a transaction that NOTIFYs holds Postgres' cluster-wide notify-queue
    // lock through its commit (WAL flush included), so every outbox write in every service
    // would commit one after another (~240 commits/s on this machine's disk). The relay in
    // this process is woken when this transaction commits (see OutboxRelay), replicas poll.
    const row = this.row(contract, event, id, currentContext().traceparent);
    const values = [row.id, row.subject, row.company_id, JSON.stringify(row.payload), JSON.stringify(row.headers)];
    // Straight on the transaction's own connection, as a prepared statement (parsed and
    // planned once per connection): TypeORM's per-query work buys nothing here.
    const client = (
      manager.queryRunner as unknown as { databaseConnection?: PoolClient }
    ).databaseConnection;
    if (client && typeof client.query === 'function') {
      await client.query({
        name: 'hub_outbox_insert',
        text: OUTBOX_INSERT,
        values,
      });
    } else {
      await manager.query(OUTBOX_INSERT, values);
    }
    markWritten(manager);
    return id;
  }

  /**
   * Many events in the caller's transaction with one INSERT per {@link BULK_BATCH} rows (a
   * nightly run confirming 100,000 entries would otherwise spend most of its time on round
   * trips). The payload of each contract type is validated once per call: the events are
   * built by the service from typed data, so one check catches a programming error without
   * validating 100,000 identical shapes. With `validateEach` every event is checked (events
   * built from outside input, e.g. the requests of a `GroupCommit`).
   */
  async publishMany(
    manager: EntityManager,
    events: readonly (object & { companyId: string })[],
    options: { validateEach?: boolean } = {},
  ): Promise<string[]> {
    assertTransaction(manager, 'publishMany');
    const checked = new Set<unknown>();
    const traceparent = currentContext().traceparent;
    const ids: string[] = [];
    for (let start = 0; start < events.length; start += BULK_BATCH) {
      const rows = events.slice(start, start + BULK_BATCH).map((event) => {
        const contract = this.contractFor(event);
        if (options.validateEach || !checked.has(contract.type)) {
          this.validate(contract, event);
          checked.add(contract.type);
        }
        return this.row(contract, event, randomUUID(), traceparent);
      });
      await manager.query(`INSERT INTO outbox_message (id, subject, company_id, payload, headers) ${outboxRowsFrom(1)}`, [JSON.stringify(rows)]);
      ids.push(...rows.map((r) => r.id));
    }
    if (ids.length > 0) markWritten(manager);
    return ids;
  }

  /**
   * One statement, atomic on its own: the caller's data-modifying statement (as a CTE) and
   * the events' outbox rows. Outside a transaction it commits by itself — no BEGIN/COMMIT
   * round trips — and the relay is woken at once; inside one it behaves like `publishMany`.
   * Every event is validated. Parameters of `business.sql` are `$1..$n` of `business.params`.
   */
  async publishAlong(
    manager: EntityManager,
    business: { sql: string; params: readonly unknown[] },
    events: readonly (object & { companyId: string })[],
  ): Promise<string[]> {
    const traceparent = currentContext().traceparent;
    // Each payload is serialized once: the same text goes into the statement's JSON parameter
    // and, once committed, to the relay (which publishes it without reading the row back).
    const rows: CommittedOutboxRow[] = events.map((event) => {
      const contract = this.contractFor(event);
      this.validate(contract, event);
      const row = this.row(contract, event, randomUUID(), traceparent);
      return { id: row.id, subject: row.subject, companyId: row.company_id, payload: JSON.stringify(row.payload), headers: row.headers };
    });
    const n = business.params.length;
    const text = `WITH business AS (${business.sql})
       INSERT INTO outbox_message (id, subject, company_id, payload, headers) ${outboxRowsFrom(n + 1)}`;
    const values = [...business.params, outboxRowsJson(rows)];
    // A named (prepared) statement on the pg connection itself: parsed and planned once per
    // connection, without TypeORM's per-query work — this runs once per group of requests.
    const name = `hub_along_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    const own = (
      manager.queryRunner as unknown as
        | { databaseConnection?: PoolClient }
        | undefined
    )?.databaseConnection;
    if (own && manager.queryRunner?.isTransactionActive) {
      await own.query({ name, text, values });
    } else if (!manager.queryRunner) {
      const held = await checkOut((manager.connection.driver as unknown as { master: ClientPool }).master);
      let broken: Error | undefined;
      try {
        await held.client.query({ name, text, values });
      } catch (error) {
        broken = isConnectionError(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        held.release(broken);
      }
    } else {
      await manager.query(text, values);
    }
    // Inside a transaction the rows are not committed yet (and a savepoint may still undo
    // them): the relay is woken at commit and claims them from the table. Outside one the
    // statement committed by itself: the rows are handed to the relay as they are.
    if (manager.queryRunner?.isTransactionActive) markWritten(manager);
    else for (const listener of this.committedListeners) listener(rows);
    return rows.map((r) => r.id);
  }

  /**
   * Registers a callback for outbox rows committed outside a transaction (see `publishAlong`):
   * it gets the committed rows themselves, so the relay can publish them without claiming.
   */
  onCommittedOutsideTransaction(listener: (rows: readonly CommittedOutboxRow[]) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  private contractFor(event: object): EventContractMeta {
    const contract = this.contractOf(event.constructor);
    if (!contract)
      throw new Error(
        `${event.constructor.name} is not a registered event contract`,
      );
    return contract;
  }

  private validate(contract: EventContractMeta, event: object): void {
    // An instance of the contract class (the usual case) is checked as it is; only if that
    // fails is it rebuilt from a plain copy — nested plain objects become their classes —
    // and checked again, which also gives the violations.
    if (event instanceof contract.type && validateSync(event, CONTRACT_VALIDATION).length === 0) return;
    const check = checkContract(contract.type, { ...event });
    if (!check.ok) {
      throw new Error(
        `Refusing to publish an invalid ${contract.subject}: ${JSON.stringify(check.violations)}`,
      );
    }
  }

  /** The outbox row of one event: JSON payload and the hub's headers (company, trace, time, producer, subject). */
  private row(
    contract: EventContractMeta,
    event: object & { companyId: string },
    id: string,
    traceparent: string | undefined,
  ) {
    const headers: Record<string, string> = {
      [HEADER.companyId]: event.companyId,
      [HEADER.traceparent]: childTrace(traceparent).traceparent,
      [HEADER.occurredAt]: new Date().toISOString(),
      [HEADER.producer]: this.options.service,
      [HEADER.subject]: contract.subject,
    };
    return { id, subject: contract.subject, company_id: event.companyId, payload: { ...event }, headers };
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
    if (!contract || !contractFor(contract.subject))
      throw new Error(`${type.name} is not a registered event contract`);
    return contract.subject;
  }
}

/** An outbox row as committed: what the relay publishes (payload as JSON text). */
export interface CommittedOutboxRow {
  id: string;
  subject: string;
  companyId: string;
  payload: string;
  headers: Record<string, string>;
}

/** The JSON parameter of {@link outboxRowsFrom}, reusing each row's serialized payload. */
function outboxRowsJson(rows: readonly CommittedOutboxRow[]): string {
  return `[${rows
    .map(
      (r) =>
        `{"id":"${r.id}","subject":${JSON.stringify(r.subject)},"company_id":${JSON.stringify(r.companyId)},"payload":${r.payload},"headers":${JSON.stringify(r.headers)}}`,
    )
    .join(',')}]`;
}

/**
 * The outbox rows of a statement, from ONE parameter (`$n`): the rows as a JSON array of
 * `{id, subject, company_id, payload, headers}`. Cheaper on both sides than five array
 * parameters: one JSON.stringify instead of a string and an escaped array literal per
 * row, and Postgres parses one document instead of `jsonb[]` literals element by element.
 */
function outboxRowsFrom(n: number): string {
  return `SELECT r.id, r.subject, r.company_id, r.payload, r.headers
    FROM jsonb_to_recordset($${n}::jsonb) AS r(id uuid, subject text, company_id text, payload jsonb, headers jsonb)`;
}

/** An error of the connection itself (not of the statement): the client must not go back to the pool. */
function isConnectionError(error: unknown): boolean {
  // Postgres errors carry a SQLSTATE `code`; socket and protocol failures do not.
  return !(
    error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}
