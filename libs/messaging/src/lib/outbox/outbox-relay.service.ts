import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { MetricsService } from '@hub/platform';
import { MESSAGING_OPTIONS, type MessagingOptions, NatsConnectionService } from '../nats/nats-connection.service';
import { type CommittedOutboxRow, OUTBOX_WRITTEN, OutboxWriter, outboxChannel } from './outbox.writer';
import { type ClientPool, type HeldClient, checkOut } from './pool-client';

interface Sent {
  published: string[];
  failed: { id: string; error: string }[];
}

interface PendingRow {
  id: string;
  subject: string;
  /** The JSON text (published as is). */
  payload: string;
  headers: Record<string, string>;
}

const INBOX_RETENTION_DAYS = 30;
const OUTBOX_RETENTION_DAYS = 7;
/** Rows handed over at commit and not yet published, at most; beyond it they wait for a claim. */
const MAX_HANDED_OVER = 10_000;
/**
 * Handed-over rows are marked at most this often (ms), unless a batch of them is waiting: a
 * mark is off every event's path, but each statement wakes a Postgres backend, which on a
 * busy machine takes the CPU from the services. A row marked later is only a row a crash
 * would publish again (same `Nats-Msg-Id`: the copy is dropped).
 */
const MARK_INTERVAL_MS = 50;

/**
 * Publishes committed outbox rows to JetStream. Several relays (replicas) may run: each
 * batch is claimed with `FOR UPDATE SKIP LOCKED`. A row is marked published only after
 * JetStream acknowledged it; if the process dies in between, the row is published again
 * with the same `Nats-Msg-Id` and JetStream (or the consumer's inbox) drops the copy.
 *
 * Rows committed by a single statement of this process (`OutboxWriter.publishAlong`) are
 * handed over at commit: the relay publishes them as they are, then marks them — no claim
 * round trip, no reading the rows back, and no waiting for the next claim cycle. They are
 * durable rows like any other: if the process dies before marking them, a claim finds them.
 * A replica's claim may race a hand-over and publish a row twice; the `Nats-Msg-Id` drops
 * the second copy, as after a crash.
 *
 * Handed-over rows are marked beside the publishing, not before the next batch: while one
 * statement marks what was published, the next rows are already on their way to JetStream,
 * and the ids published meanwhile go into the next statement. A row's path to its consumer
 * thus holds no Postgres round trip of the relay.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxRelay');
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY arrived since the last batch started (it may have come in while publishing). */
  private notified = false;
  private listener?: HeldClient;
  /** When to try LISTEN again after the session was lost or refused, and how often it failed. */
  private listenAgainAt = 0;
  private listenFailures = 0;
  private lastHousekeeping = 0;
  private lastMetrics = 0;
  private lastClaim = 0;
  private unsubscribe?: () => void;
  /** Rows handed over at commit, waiting to be published (in commit order). */
  private handedOver: PendingRow[] = [];
  /** Handed-over rows published and not yet marked (and failures not yet recorded). */
  private toMark: Sent = { published: [], failed: [] };
  /** The marking in progress, if any, and the ids its statement marks. */
  private marking?: Promise<void>;
  private markingIds: readonly string[] = [];
  /** Handed-over rows on their way to JetStream (out of `handedOver`, not yet in `toMark`). */
  private sendingIds: readonly string[] = [];
  /** When the last mark statement was sent (performance.now()), and the wait before the next. */
  private lastMark = -Infinity;
  private markWait?: () => void;
  /** How rows were published since start (for tests and metrics). */
  readonly stats = { handedOver: 0, claimed: 0 };

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
    // ... and given the rows written by a single statement outside any transaction.
    this.unsubscribe ??= this.outbox.onCommittedOutsideTransaction((rows) => this.handOver(rows));
    this.start();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Committed rows to publish without claiming them (dropped when stopped or full: a claim finds them). */
  private handOver(rows: readonly CommittedOutboxRow[]): void {
    if (!this.loop || this.stopping || this.handedOver.length + rows.length > MAX_HANDED_OVER) {
      this.notified = true;
      return;
    }
    for (const r of rows) this.handedOver.push({ id: r.id, subject: r.subject, payload: r.payload, headers: r.headers });
    this.wake?.();
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
    this.markWait?.();
    await this.loop;
    this.loop = undefined;
    await this.flushMarks();
    // Rows handed over and not published stay in the table for the next claim.
    this.handedOver = [];
    const listener = this.listener;
    if (listener) {
      this.listener = undefined;
      listener.client.removeAllListeners('notification');
      await listener.client.query('UNLISTEN *').catch(() => undefined);
      listener.release();
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
    return this.withClient(async (client) => {
      // Rows handed over and not yet marked are this relay's already: not claimed twice.
      const mine = this.ownRows();
      const own = mine.length > 0 ? ` AND id <> ALL(${uuidArray(client, mine)})` : '';
      const found = lastRows<PendingRow>(
        await client.query(
          `BEGIN; SELECT id, subject, payload::text AS payload, headers FROM outbox_message
            WHERE published_at IS NULL AND (retry_at IS NULL OR retry_at <= now())${own}
            ORDER BY seq LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
        ),
      );
      // Rows whose statement committed while the claim was on its way were handed over
      // meanwhile: the hand-over publishes them, the claim leaves them (and their locks).
      const held = found.length > 0 ? new Set(this.ownRows()) : undefined;
      const rows = held && held.size > 0 ? found.filter((r) => !held.has(r.id)) : found;
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const published = await this.record(client, await this.send(rows), true);
      this.stats.claimed += published;
      return published;
    });
  }

  /**
   * Publishes rows handed over at commit (up to a batch) and marks them; returns how many
   * were published. Rows that fail stay unpublished in the table: a claim retries them.
   */
  async publishHandedOver(): Promise<number> {
    const published = await this.sendHandedOver();
    await this.flushMarks();
    return published;
  }

  /** Resolves once every handed-over row published so far is marked (or left to a claim). */
  async flushMarks(): Promise<void> {
    this.markWait?.();
    while (this.marking) await this.marking;
  }

  /** Ids of the rows this relay holds: handed over, or published and not yet marked. */
  private ownRows(): string[] {
    return [...this.handedOver.map((r) => r.id), ...this.sendingIds, ...this.toMark.published, ...this.markingIds];
  }

  /** Publishes up to a batch of handed-over rows and queues them for marking; returns how many went. */
  private async sendHandedOver(): Promise<number> {
    const batchSize = Math.max(1, Math.floor(this.options.relayBatchSize ?? 500));
    // Marks far behind (a slow database): wait for them rather than pile up ids.
    if (this.toMark.published.length >= MAX_HANDED_OVER) await this.flushMarks();
    const rows = this.handedOver.splice(0, batchSize);
    if (rows.length === 0) return 0;
    this.sendingIds = rows.map((r) => r.id);
    let sent: Sent;
    try {
      sent = await this.send(rows);
    } finally {
      this.sendingIds = [];
    }
    this.toMark.published.push(...sent.published);
    this.toMark.failed.push(...sent.failed);
    this.marking ??= this.markQueued().finally(() => (this.marking = undefined));
    return sent.published.length;
  }

  /**
   * Marks the queued rows, one statement at a time, each taking all that were published
   * while the last one ran. A statement that fails leaves its rows unpublished in the table:
   * a claim publishes them again (same `Nats-Msg-Id`, the copy is dropped).
   */
  private async markQueued(): Promise<void> {
    while (this.toMark.published.length > 0 || this.toMark.failed.length > 0) {
      const wait = this.lastMark + MARK_INTERVAL_MS - performance.now();
      const batchSize = this.options.relayBatchSize ?? 500;
      if (wait > 0 && !this.stopping && this.toMark.published.length < batchSize) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            this.markWait = undefined;
            resolve();
          };
          const timer = setTimeout(done, wait);
          this.markWait = done;
        });
      }
      this.lastMark = performance.now();
      const sent = this.toMark;
      this.toMark = { published: [], failed: [] };
      this.markingIds = sent.published;
      try {
        // The connection is taken once JetStream answered: none is held while publishing.
        this.stats.handedOver += await this.withClient((client) => this.record(client, sent, false));
      } catch (error) {
        this.notified = true;
        this.logger.error(`outbox relay could not mark ${sent.published.length} published rows (a claim publishes them again): ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.markingIds = [];
      }
    }
  }

  /** Runs `work` on a pool client; on failure ends its transaction, or discards a client that cannot. */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const held = await checkOut(this.pool());
    let broken: Error | undefined;
    try {
      return await work(held.client);
    } catch (error) {
      // Whatever statement failed, end the transaction (a no-op warning if none is open);
      // a connection that cannot even roll back is discarded, not returned to the pool.
      if (!held.lost) await held.client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
      throw error;
    } finally {
      held.release(broken);
    }
  }

  /** Publishes rows, their JetStream acks awaited together; sorts them into published and failed. */
  private async send(rows: readonly PendingRow[]): Promise<Sent> {
    const publisher = await this.nats.publisher();
    const ns = this.nats.namespace;
    const pending = rows.map((row) => publisher.publish(ns.subject(row.subject), row.payload, row.id, row.headers));
    const results = await Promise.allSettled(pending);
    const published: string[] = [];
    const failed: { id: string; error: string }[] = [];
    rows.forEach((row, i) => {
      const r = results[i];
      if (r?.status === 'fulfilled') published.push(row.id);
      else failed.push({ id: row.id, error: String(r?.reason) });
    });
    return { published, failed };
  }

  /**
   * Records failures, marks the published rows and commits — in the transaction `client`
   * has open (a claim), or in one of its own sent with the mark (one round trip). Returns
   * how many were published.
   */
  private async record(client: PoolClient, { published, failed }: Sent, inTransaction: boolean): Promise<number> {
    if (failed.length > 0) {
      await client.query(
        // Claims leave the row for a while (1 s, doubling per attempt, at most 60 s): rows that
        // can never be published must not be claimed first every time, ahead of all others.
        `UPDATE outbox_message o SET attempts = o.attempts + 1, last_error = f.error,
             retry_at = now() + make_interval(secs => least(60, 2 ^ least(o.attempts, 10)))
           FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
        [failed.map((f) => f.id), failed.map((f) => f.error)],
      );
      this.logger.warn(`${failed.length} outbox rows not published: ${failed[0]?.error}`);
    }
    // `published_at IS NULL`: a row a replica claimed and published meanwhile is marked once.
    const mark =
      published.length > 0
        ? `UPDATE outbox_message SET published_at = clock_timestamp(), attempts = attempts + 1
            WHERE id = ANY(${uuidArray(client, published)}) AND published_at IS NULL; `
        : '';
    // No wait for the WAL flush: a mark lost in a crash only means these rows are published
    // again with the same Nats-Msg-Id (the case the relay is built for: JetStream or the
    // consumer's inbox drops the copy), and the relay's cycle — every event's path — is shorter.
    // Outside a claim with nothing to mark there is no transaction to end.
    if (inTransaction || mark) await client.query(`${inTransaction ? '' : 'BEGIN; '}SET LOCAL synchronous_commit TO off; ${mark}COMMIT`);
    if (published.length > 0) this.metrics.outboxPublished.inc(published.length);
    return published.length;
  }

  private pool(): ClientPool {
    return (this.dataSource.driver as unknown as { master: ClientPool }).master;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.relayBatchSize ?? 500;
    const pollMs = this.options.relayPollMs ?? 1000;
    let failures = 0;
    // The first cycle claims (rows left by a previous run); later ones claim when woken by a
    // commit or NOTIFY, when the last claim filled a batch, or once per poll interval.
    let claimNext = true;
    while (!this.stopping) {
      let claimedFull = false;
      if (!this.listener && Date.now() >= this.listenAgainAt) await this.listen();
      try {
        if (this.handedOver.length > 0 && failures === 0) await this.sendHandedOver();
        if (claimNext || this.notified || Date.now() - this.lastClaim >= pollMs) {
          this.notified = false;
          this.lastClaim = Date.now();
          claimedFull = (await this.publishBatch()) >= batchSize;
        }
        failures = 0;
        await this.housekeeping();
      } catch (error) {
        failures += 1;
        this.logger.error(`outbox relay batch failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      claimNext = claimedFull;
      if (this.stopping) break;
      if (failures === 0 && (claimedFull || this.handedOver.length > 0)) continue;
      // Rows committed while the batch was being published: their wake-up (commit hook or
      // NOTIFY) found no sleeper, so without this they waited a whole poll interval.
      if (this.notified && failures === 0) continue;
      if (failures > 0) {
        // After a failure, back off; rows handed over meanwhile are left to the next claim.
        this.handedOver = [];
        claimNext = true;
        await this.sleep(Math.min(30_000, pollMs * 2 ** failures));
      } else {
        await this.sleep(Math.max(0, pollMs - (Date.now() - this.lastClaim)));
      }
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

  /**
   * LISTENs for NOTIFYs of writers in other processes, on a session of its own. If it cannot,
   * or the session is lost later (failover, restart, terminated), the relay polls meanwhile and
   * tries again: after 1 s, then twice as long each time, up to 30 s.
   */
  private async listen(): Promise<void> {
    const driver = this.dataSource.driver as unknown as { schema?: string };
    let held: HeldClient | undefined;
    try {
      // (The callback runs on a later event, once `listener` is set.)
      const listener: HeldClient = (held = await checkOut(this.pool(), (error) => this.lostListener(listener, error)));
      listener.client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      await listener.client.query(`LISTEN "${outboxChannel(driver.schema ?? 'public')}"`);
      if (this.stopping) {
        listener.client.removeAllListeners('notification');
        await listener.client.query('UNLISTEN *').catch(() => undefined);
        listener.release();
        return;
      }
      this.listener = listener;
      if (this.listenFailures > 0) this.logger.log('outbox relay listening again');
      this.listenFailures = 0;
    } catch (error) {
      held?.client.removeAllListeners('notification');
      held?.release(error instanceof Error ? error : new Error(String(error)));
      this.listenFailures += 1;
      this.listenAgainAt = Date.now() + Math.min(30_000, 1000 * 2 ** (this.listenFailures - 1));
      this.logger.warn(`outbox relay cannot LISTEN, polling meanwhile: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The LISTEN session failed: drop it, claim at once (a NOTIFY may be lost), LISTEN again. */
  private lostListener(held: HeldClient, error: Error): void {
    if (this.listener !== held) return;
    this.listener = undefined;
    held.client.removeAllListeners('notification');
    held.release(error);
    this.listenFailures += 1;
    this.listenAgainAt = Date.now() + Math.min(30_000, 1000 * 2 ** (this.listenFailures - 1));
    this.logger.warn(`outbox relay lost its LISTEN session, polling until it listens again: ${error.message}`);
    this.notified = true;
    this.wake?.();
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
      await this.purgeExpired();
    }
  }

  /**
   * Deletes published outbox rows and inbox rows past their retention (7 and 30 days); runs
   * every ten minutes from the relay's loop. Returns how many rows of each went.
   */
  async purgeExpired(): Promise<{ outbox: number; inbox: number }> {
    // created_at narrows the scan (BRIN; a row is published after it was created), and
    // published_at keeps a row that was published late for its full retention.
    const [, outbox] = (await this.dataSource.query(
      `DELETE FROM outbox_message WHERE created_at < now() - make_interval(days => $1)
          AND published_at < now() - make_interval(days => $1)`,
      [OUTBOX_RETENTION_DAYS],
    )) as [unknown, number];
    const [, inbox] = (await this.dataSource.query(`DELETE FROM inbox_message WHERE processed_at < now() - make_interval(days => $1)`, [
      INBOX_RETENTION_DAYS,
    ])) as [unknown, number];
    return { outbox, inbox };
  }
}

/** A `uuid[]` literal of ids (escaped: it goes into a simple-protocol query). */
function uuidArray(client: PoolClient, ids: readonly string[]): string {
  return `${client.escapeLiteral(`{${ids.join(',')}}`)}::uuid[]`;
}

/** A simple-protocol query with several statements resolves to one result per statement. */
function lastRows<T>(result: unknown): T[] {
  const results = (Array.isArray(result) ? result : [result]) as { rows?: T[] }[];
  return results[results.length - 1]?.rows ?? [];
}
