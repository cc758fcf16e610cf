import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, type QueryRunner } from 'typeorm';
import { checkEvent } from '@hub/contracts';
import { MetricsService, childTrace, runWithContext } from '@hub/platform';
import type { DeadLetterReason } from '../dead-letters/dead-letter.entity';
import { HEADER } from '../message-headers';
import { OutboxWriter } from '../outbox/outbox.writer';
import { type BatchMessageInfo, JetStreamBatchContext, JetStreamContext } from './jetstream.context';
import { describeError, isPermanentError, retryDelayMs } from './message-errors';

/**
 * A Nest message handler as registered on the transport. With `extras.batch` (see
 * `BATCH_HANDLER`) it takes an array of payloads and a {@link JetStreamBatchContext}.
 */
export type EventHandlerFn = ((payload: unknown, ctx: JetStreamContext | JetStreamBatchContext) => unknown) & {
  extras?: Record<string, unknown>;
};

export interface IncomingMessage {
  /** Logical subject (namespace prefix removed). */
  subject: string;
  data: Uint8Array | string;
  headers: Record<string, string>;
  messageId: string;
  deliveryCount: number;
  streamSequence: number | null;
}

export type Outcome =
  | { kind: 'ack' }
  | { kind: 'duplicate' }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'dead-letter'; reason: DeadLetterReason; error: string; companyId: string | null };

/** A message that decoded and passed its contract: ready to be applied in a transaction. */
export interface PreparedMessage {
  consumer: string;
  message: IncomingMessage;
  handler: EventHandlerFn;
  maxDeliver: number;
  payload: unknown;
  companyId: string;
  started: bigint;
  /** The handler takes batches (`BATCH_HANDLER`): see {@link MessageBatch.applyMany}. */
  batch: boolean;
}

const SAVEPOINT = 'hub_message';

/**
 * Messages through the pipeline: decode, check the contract, then — inside a transaction —
 * claim the (consumer, message id) inbox row and run the handler. The caller acknowledges
 * only on `ack`/`duplicate`, after the transaction has committed.
 *
 * Several messages may share one transaction (a {@link MessageBatch}): each after the first
 * runs inside its own savepoint, so a failing handler rolls back its own writes and inbox
 * row only and is classified exactly as if it had run alone; the others commit together.
 */
@Injectable()
export class MessageProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly metrics: MetricsService,
  ) {}

  /** One message in a transaction of its own (dead-letter replay). */
  async process(consumer: string, message: IncomingMessage, handler: EventHandlerFn | undefined, maxDeliver: number): Promise<Outcome> {
    const prepared = this.prepare(consumer, message, handler, maxDeliver);
    if ('kind' in prepared) return prepared;
    const batch = this.batch();
    await batch.apply(prepared);
    const [outcome] = await batch.commit();
    return outcome ?? { kind: 'retry', delayMs: retryDelayMs(message.deliveryCount), error: 'message lost from its batch' };
  }

  /**
   * Decodes and checks a message; returns the dead-letter outcome when it can never be
   * applied (no handler, not JSON, contract violation, company mismatch).
   */
  prepare(consumer: string, message: IncomingMessage, handler: EventHandlerFn | undefined, maxDeliver: number): PreparedMessage | Outcome {
    const started = process.hrtime.bigint();
    const rejected = (reason: DeadLetterReason, error: string, companyId: string | null): Outcome => {
      const outcome: Outcome = { kind: 'dead-letter', reason, error, companyId };
      this.observe(consumer, message.subject, started, outcome);
      return outcome;
    };
    const headerCompany = message.headers[HEADER.companyId] ?? null;
    if (message.deliveryCount > maxDeliver) {
      // Its deliveries were used up without one being settled: the handler crashed the process,
      // hung or outlived ack_wait, or the dead letter of the last one could not be written.
      // It is kept as a dead letter without running again (the server does not give up on it).
      return rejected(
        'max-deliveries',
        `delivered ${message.deliveryCount} times, over the limit of ${maxDeliver}, without being settled (the handler crashed, hung or outlived ack_wait, or its dead letter could not be written)`,
        headerCompany,
      );
    }
    if (!handler) return rejected('no-handler', `no handler for ${message.subject}`, headerCompany);
    let decoded: unknown;
    try {
      const text = typeof message.data === 'string' ? message.data : Buffer.from(message.data).toString('utf8');
      decoded = JSON.parse(text);
    } catch (error) {
      return rejected('invalid-payload', `not JSON: ${describeError(error)}`, headerCompany);
    }
    const check = checkEvent(message.subject, decoded);
    if (!check.ok) {
      const detail = check.violations.map((v) => `${v.field || '(payload)'}: ${v.errors.join(', ')}`).join('; ');
      return rejected('invalid-payload', `contract violation: ${detail}`, headerCompany);
    }
    const payload = check.value as { companyId?: string };
    if (headerCompany && payload.companyId && headerCompany !== payload.companyId) {
      return rejected(
        'invalid-payload',
        `company header ${headerCompany} does not match payload companyId ${payload.companyId}`,
        headerCompany,
      );
    }
    return {
      consumer,
      message,
      handler,
      maxDeliver,
      payload,
      companyId: payload.companyId ?? headerCompany ?? '',
      started,
      batch: handler.extras?.['batch'] === true,
    };
  }

  /** Opens (lazily, on the first `apply`) a transaction that several messages can share. */
  batch(): MessageBatch {
    return new MessageBatch(this.dataSource, this.outbox, (consumer, subject, started, outcome) =>
      this.observe(consumer, subject, started, outcome),
    );
  }

  /** A failure's outcome: permanent → dead letter; transient → retry, or dead letter after the last delivery. */
  static failure(prepared: PreparedMessage, error: unknown): Outcome {
    const text = describeError(error);
    const { message, maxDeliver, companyId } = prepared;
    if (isPermanentError(error)) return { kind: 'dead-letter', reason: 'rejected', error: text, companyId };
    if (message.deliveryCount >= maxDeliver) {
      return { kind: 'dead-letter', reason: 'max-deliveries', error: `after ${message.deliveryCount} deliveries: ${text}`, companyId };
    }
    return { kind: 'retry', delayMs: retryDelayMs(message.deliveryCount), error: text };
  }

  private observe(consumer: string, subject: string, started: bigint, outcome: Outcome): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.handlerDuration.observe({ consumer, subject }, seconds);
    this.metrics.handlerOutcomes.inc({ consumer, subject, outcome: outcome.kind });
  }
}

interface BatchEntry {
  prepared: PreparedMessage;
  outcome: Outcome | 'applied' | 'duplicate';
}

type Observe = (consumer: string, subject: string, started: bigint, outcome: Outcome) => void;

/**
 * One transaction shared by messages applied one after another. `apply` never throws: a
 * handler failure is kept as that message's outcome. `commit` commits what was applied and
 * returns every message's outcome in order; if the commit itself fails, nothing was applied
 * and each applied message gets its failure outcome (retry / dead letter).
 */
export class MessageBatch {
  private runner?: QueryRunner;
  private client?: PoolClient;
  private readonly entries: BatchEntry[] = [];
  /** Writes of this transaction so far (inbox rows included): a failure must undo only its own. */
  private writes = 0;
  /** A savepoint is open (the one of the last guarded message). */
  private savepoint = false;
  /** The transaction can take no more messages (rolled back, or its connection failed). */
  private closed = false;
  private finished = false;
  private startError: unknown;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly observe: Observe,
  ) {}

  /** How many messages this transaction holds (applied, duplicate or failed). */
  get size(): number {
    return this.entries.length;
  }

  /** False once a failure ended the transaction: further messages need a new batch. */
  get open(): boolean {
    return !this.closed && !this.finished;
  }

  /**
   * Claims the inbox row and runs the handler; returns false if the transaction cannot take
   * it. `guard` runs it inside a savepoint even as the transaction's first writer.
   */
  async apply(prepared: PreparedMessage, guard = false): Promise<boolean> {
    if (!this.open) {
      if (this.startError === undefined || this.finished) return false;
      // The transaction could not be opened: the message fails as if its handler had thrown.
      this.entries.push({ prepared, outcome: MessageProcessor.failure(prepared, this.startError) });
      return true;
    }
    const entry: (typeof this.entries)[number] = { prepared, outcome: 'applied' };
    this.entries.push(entry);
    const { message, handler, payload, companyId } = prepared;
    const trace = childTrace(message.headers[HEADER.traceparent]);
    // Whether this message runs inside a savepoint (needed once earlier messages wrote).
    const guarded = guard || this.writes > 0;
    try {
      await runWithContext({ companyId, traceId: trace.traceId, traceparent: trace.traceparent }, async () => {
        const { runner, client } = await this.begin();
        const inbox = escapedInboxInsert(client, [prepared]);
        // One round trip: the previous message's savepoint folded in, this one's opened, the inbox row claimed.
        const sql = guarded ? `${this.openSavepoint()}${inbox}` : inbox;
        const claimed = lastRows(await client.query(sql)).length;
        if (claimed === 0) {
          entry.outcome = 'duplicate';
          return;
        }
        this.writes += 1;
        const result = prepared.batch
          ? await handler([payload], new JetStreamBatchContext(message.subject, [info(prepared)], runner.manager, this.outbox))
          : await handler(
              payload,
              new JetStreamContext(message.subject, message.messageId, companyId, message.deliveryCount, message.headers, runner.manager, this.outbox),
            );
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        await assertNotAborted(client);
      });
    } catch (error) {
      entry.outcome = MessageProcessor.failure(prepared, error);
      await this.undo(guarded);
    }
    return true;
  }

  /**
   * Messages of one subject whose handler takes batches: one round trip claims their inbox
   * rows (inside a savepoint), one handler call applies them. If the handler throws, the
   * savepoint is rolled back and each message is applied alone (`apply`, in a savepoint of
   * its own), so failures are classified per message. Returns how many of the messages the
   * transaction took (in order; the caller hands the rest to another transaction).
   */
  async applyMany(prepared: readonly PreparedMessage[]): Promise<number> {
    const first = prepared[0];
    if (!first) return 0;
    if (prepared.length === 1 || !this.open) {
      let taken = 0;
      for (const p of prepared) {
        if (!(await this.apply(p))) break;
        taken += 1;
      }
      return taken;
    }
    const entries: BatchEntry[] = prepared.map((p) => ({ prepared: p, outcome: 'applied' }));
    this.entries.push(...entries);
    const writesBefore = this.writes;
    const companies = new Set(prepared.map((p) => p.companyId));
    const trace = childTrace(first.message.headers[HEADER.traceparent]);
    let claimed: BatchEntry[] = [];
    let failed: { error: unknown } | undefined;
    await runWithContext(
      { ...(companies.size === 1 ? { companyId: first.companyId } : {}), traceId: trace.traceId, traceparent: trace.traceparent },
      async () => {
        try {
          const { runner, client } = await this.begin();
          // A copy of a message within the batch is a duplicate of its first occurrence.
          const firstOf = new Map<string, BatchEntry>();
          for (const e of entries) if (!firstOf.has(e.prepared.message.messageId)) firstOf.set(e.prepared.message.messageId, e);
          const sql = `${this.openSavepoint()}${escapedInboxInsert(
            client,
            [...firstOf.values()].map((e) => e.prepared),
          )}`;
          const ids = new Set(lastRows<{ message_id: string }>(await client.query(sql)).map((r) => r.message_id));
          claimed = [...firstOf.values()].filter((e) => ids.has(e.prepared.message.messageId));
          for (const e of entries) if (!claimed.includes(e)) e.outcome = 'duplicate';
          if (claimed.length === 0) return;
          this.writes += 1;
          const ctx = new JetStreamBatchContext(first.message.subject, claimed.map((e) => info(e.prepared)), runner.manager, this.outbox);
          const result = await first.handler(
            claimed.map((e) => e.prepared.payload),
            ctx,
          );
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          await assertNotAborted(client);
        } catch (error) {
          failed = { error };
        }
      },
    );
    if (!failed) return entries.length;
    const { error } = failed;
    if (!(await this.rollbackToSavepoint())) {
      // Nothing of this transaction can be kept (it never opened, or its connection failed).
      for (const e of entries) e.outcome = MessageProcessor.failure(e.prepared, error);
      await this.abandon();
      return entries.length;
    }
    // Back before the batch: its messages one by one, each in a savepoint of its own.
    this.writes = writesBefore;
    this.entries.splice(this.entries.length - entries.length, entries.length);
    for (const e of entries) {
      if (claimed.length > 0 && !claimed.includes(e)) {
        this.entries.push(e); // a duplicate stays a duplicate
      } else if (!(await this.apply(e.prepared, true))) {
        this.entries.push({ prepared: e.prepared, outcome: MessageProcessor.failure(e.prepared, error) });
      }
    }
    return entries.length;
  }

  /** SQL that opens this message's savepoint (folding the previous one into the transaction). */
  private openSavepoint(): string {
    const sql = `${this.savepoint ? `RELEASE SAVEPOINT ${SAVEPOINT}; ` : ''}SAVEPOINT ${SAVEPOINT}; `;
    this.savepoint = true;
    return sql;
  }

  /** Back to the open savepoint; false if there is none or the connection failed. */
  private async rollbackToSavepoint(): Promise<boolean> {
    if (!this.runner?.isTransactionActive || !this.savepoint || !this.client) return false;
    try {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      return true;
    } catch {
      return false;
    }
  }

  /** Rolls the whole transaction back: every message applied in it so far fails. */
  private async abandon(): Promise<void> {
    for (const entry of this.entries) {
      if (entry.outcome === 'applied' || entry.outcome === 'duplicate') {
        entry.outcome = MessageProcessor.failure(entry.prepared, new Error('transaction lost after a failed message'));
      }
    }
    this.closed = true;
    this.writes = 0;
    this.savepoint = false;
    await this.runner?.rollbackTransaction().catch(() => undefined);
  }

  /** Commits (or, with nothing to keep, ends) the transaction; returns the outcomes in `apply` order. */
  async commit(): Promise<Outcome[]> {
    if (this.finished) throw new Error('batch already committed');
    this.finished = true;
    let commitError: unknown;
    try {
      if (this.runner?.isTransactionActive) {
        // COMMIT of an aborted transaction rolls back without an error: it must not count as committed.
        if (this.client) await assertNotAborted(this.client);
        await this.runner.commitTransaction();
      }
    } catch (error) {
      commitError = error;
      await this.runner?.rollbackTransaction().catch(() => undefined);
    } finally {
      await this.runner?.release();
    }
    return this.entries.map(({ prepared, outcome }) => {
      let final: Outcome;
      if (outcome !== 'applied' && outcome !== 'duplicate') final = outcome;
      else if (commitError !== undefined) final = MessageProcessor.failure(prepared, commitError);
      else final = { kind: outcome === 'applied' ? 'ack' : 'duplicate' };
      this.observe(prepared.consumer, prepared.message.subject, prepared.started, final);
      return final;
    });
  }

  /** Opens the transaction now (`apply` does it otherwise); false if it could not be opened. */
  async start(): Promise<boolean> {
    if (!this.open) return false;
    try {
      await this.begin();
      return true;
    } catch (error) {
      this.startError = error;
      return false;
    }
  }

  private async begin(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    if (this.runner && this.client) return { runner: this.runner, client: this.client };
    const runner = this.dataSource.createQueryRunner();
    try {
      this.client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      this.closed = true;
      throw error;
    }
    this.runner = runner;
    return { runner, client: this.client };
  }

  /**
   * Undoes the failed message: back to its savepoint, or — when it was the first to write —
   * the whole transaction (nothing else to keep). Applied earlier messages stay either way.
   */
  private async undo(guarded: boolean): Promise<void> {
    if (!this.runner?.isTransactionActive) return;
    if (guarded && (await this.rollbackToSavepoint())) return;
    // First message to write failed (or the savepoint could not be restored): roll back all
    // and take no more messages in this transaction. With a savepoint that could not be
    // restored the connection is unusable: nothing of this transaction can be kept.
    if (guarded) await this.abandon();
    else {
      this.closed = true;
      this.writes = 0;
      this.savepoint = false;
      await this.runner.rollbackTransaction().catch(() => undefined);
    }
  }
}

/**
 * Throws when the transaction is aborted: a statement failed and the handler caught the error
 * instead of letting it propagate. Postgres then answers COMMIT with a silent ROLLBACK, so the
 * message would be acknowledged with nothing of it kept; it fails instead (and is retried).
 */
async function assertNotAborted(client: PoolClient): Promise<void> {
  // `pg` rejects a failed statement's promise on the server's error message, before the
  // ReadyForQuery that carries the transaction status: a handler that caught the error may
  // return before it arrived (another TCP segment, under load). Wait for it first.
  if ((client as PoolClient & { readyForQuery?: boolean }).readyForQuery === false) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        client.off('drain', done).off('error', done).off('end', done);
        resolve();
      };
      client.on('drain', done).on('error', done).on('end', done);
    });
  }
  if (client.getTransactionStatus() === 'E') {
    throw new Error('a statement of the handler failed and its error was caught: the transaction is aborted, nothing of it can commit');
  }
}

/** Claims the inbox rows of messages (escaped literals: it shares a simple-protocol round trip). */
function escapedInboxInsert(client: PoolClient, messages: readonly PreparedMessage[]): string {
  const values = messages
    .map((p) => `(${[p.consumer, p.message.messageId, p.message.subject].map((v) => client.escapeLiteral(v)).join(', ')})`)
    .join(', ');
  return `INSERT INTO inbox_message (consumer, message_id, subject) VALUES ${values} ON CONFLICT DO NOTHING RETURNING message_id`;
}

function info(p: PreparedMessage): BatchMessageInfo {
  return { messageId: p.message.messageId, companyId: p.companyId, deliveryCount: p.message.deliveryCount, headers: p.message.headers };
}

/** A simple-protocol query with several statements resolves to one result per statement: the last one's rows. */
function lastRows<T>(result: unknown): T[] {
  const results = (Array.isArray(result) ? result : [result]) as { rows?: T[] }[];
  return results[results.length - 1]?.rows ?? [];
}
