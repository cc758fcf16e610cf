import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { PoolClient } from 'pg';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { MetricsService } from '@hub/platform';
import { MESSAGING_OPTIONS, type MessagingOptions, NatsConnectionService } from '../nats/nats-connection.service';
import { OUTBOX_WRITTEN, OutboxWriter, outboxChannel } from './outbox.writer';

interface PendingRow {
  id: string;
  subject: string;
  /** The JSON text as stored (published as is). */
  payload: string;
  headers: Record<string, string>;
}

const INBOX_RETENTION_DAYS = 30;
const OUTBOX_RETENTION_DAYS = 7;

/**
 * Publishes committed outbox rows to JetStream. Several relays (replicas) may run: each
 * batch is claimed with `FOR UPDATE SKIP LOCKED`. A row is marked published only after
 * JetStream acknowledged it; if the process dies in between, the row is published again
 * with the same `Nats-Msg-Id` and JetStream (or the consumer's inbox) drops the copy.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxRelay');
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY arrived since the last batch started (it may have come in while publishing). */
  private notified = false;
  private listener?: PoolClient;
  private lastHousekeeping = 0;
  private lastMetrics = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionService,
    private readonly metrics: MetricsService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly outbox: OutboxWriter,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.runRelay === false) return;
    // Woken by the commit of any transaction in this process that wrote outbox rows.
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
    // ... and by rows written by a single statement outside any transaction.
    this.unsubscribe ??= this.outbox.onCommittedOutsideTransaction(() => {
      this.notified = true;
      this.wake?.();
    });
    this.start();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** TypeORM subscriber hook: an outbox row written in this process just committed. */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (!data[OUTBOX_WRITTEN]) return;
    delete data[OUTBOX_WRITTEN];
    this.notified = true;
    this.wake?.();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    if (this.listener) {
      this.listener.removeAllListeners('notification');
      await this.listener.query('UNLISTEN *').catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.stop();
  }

  /** Publishes one batch; returns how many rows were published. Exposed for tests and tools. */
  async publishBatch(): Promise<number> {
    const batchSize = Math.max(1, Math.floor(this.options.relayBatchSize ?? 500));
    // The pool's own client, two round trips per batch (claim, mark + commit) instead of
    // TypeORM's four: the relay is on every event's path.
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      const rows = lastRows<PendingRow>(
        await client.query(
          `BEGIN; SELECT id, subject, payload::text AS payload, headers FROM outbox_message
            WHERE published_at IS NULL ORDER BY seq LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
        ),
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const js = await this.nats.jetstream();
      const ns = this.nats.namespace;
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          for (const [k, v] of Object.entries(row.headers)) h.set(k, v);
          return js.publish(ns.subject(row.subject), row.payload, { msgID: row.id, headers: h, timeout: 10_000 });
        }),
      );
      const published: string[] = [];
      const failed: { id: string; error: string }[] = [];
      rows.forEach((row, i) => {
        const r = results[i];
        if (r?.status === 'fulfilled') published.push(row.id);
        else failed.push({ id: row.id, error: String(r?.reason) });
      });
      if (failed.length > 0) {
        await client.query(
          `UPDATE outbox_message o SET attempts = o.attempts + 1, last_error = f.error
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
          [failed.map((f) => f.id), failed.map((f) => f.error)],
        );
        this.logger.warn(`${failed.length} outbox rows not published: ${failed[0]?.error}`);
      }
      const mark =
        published.length > 0
          ? `UPDATE outbox_message SET published_at = clock_timestamp(), attempts = attempts + 1
              WHERE id = ANY(${client.escapeLiteral(`{${published.join(',')}}`)}::uuid[]); `
          : '';
      // No wait for the WAL flush: a mark lost in a crash only means these rows are published
      // again with the same Nats-Msg-Id (the case the relay is built for: JetStream or the
      // consumer's inbox drops the copy), and the relay's cycle — every event's path — is shorter.
      await client.query(`SET LOCAL synchronous_commit TO off; ${mark}COMMIT`);
      if (published.length > 0) this.metrics.outboxPublished.inc(published.length);
      return published.length;
    } catch (error) {
      // Whatever statement failed, end the transaction (a no-op warning if none is open);
      // a connection that cannot even roll back is discarded, not returned to the pool.
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private pool(): { connect(): Promise<PoolClient> } {
    return (this.dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
  }

  private async run(): Promise<void> {
    await this.listen().catch((error: unknown) => this.logger.warn(`LISTEN unavailable, polling only: ${String(error)}`));
    const batchSize = this.options.relayBatchSize ?? 500;
    const pollMs = this.options.relayPollMs ?? 1000;
    let failures = 0;
    while (!this.stopping) {
      let published = 0;
      this.notified = false;
      try {
        published = await this.publishBatch();
        failures = 0;
        await this.housekeeping();
      } catch (error) {
        failures += 1;
        this.logger.error(`outbox relay batch failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopping) break;
      if (published >= batchSize) continue;
      // Rows committed while the batch was being published: their wake-up (commit hook or
      // NOTIFY) found no sleeper, so without this they waited a whole poll interval.
      if (this.notified && failures === 0) continue;
      await this.sleep(failures > 0 ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    const driver = this.dataSource.driver as unknown as { schema?: string };
    const client = await this.pool().connect();
    this.listener = client;
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.query(`LISTEN "${outboxChannel(driver.schema ?? 'public')}"`);
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.lastMetrics > 5000) {
      this.lastMetrics = now;
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS lag
           FROM outbox_message WHERE published_at IS NULL`,
      )) as { pending: number; lag: number }[];
      this.metrics.outboxPending.set(row?.pending ?? 0);
      this.metrics.outboxLag.set(row?.lag ?? 0);
    }
    if (now - this.lastHousekeeping > 10 * 60_000) {
      this.lastHousekeeping = now;
      await this.dataSource.query(
        `DELETE FROM outbox_message WHERE published_at < now() - make_interval(days => $1)`,
        [OUTBOX_RETENTION_DAYS],
      );
      await this.dataSource.query(`DELETE FROM inbox_message WHERE processed_at < now() - make_interval(days => $1)`, [
        INBOX_RETENTION_DAYS,
      ]);
    }
  }
}

/** A simple-protocol query with several statements resolves to one result per statement. */
function lastRows<T>(result: unknown): T[] {
  const results = (Array.isArray(result) ? result : [result]) as { rows?: T[] }[];
  return results[results.length - 1]?.rows ?? [];
}
