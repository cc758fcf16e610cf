import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { HealthRegistry } from '@hub/platform';
import { JetStreamPublisher } from './jetstream-publisher';
import { MessagingNamespace } from './messaging-namespace';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** The service name: consumers, queue groups and the connection are named after it. */
  service: string;
  natsUrl: string;
  prefix?: string;
  /** Transactions (and so handlers) running at once per consumer (default 16). */
  concurrency?: number;
  /** Messages applied in one transaction at most (group commit; default 16). */
  batchSize?: number;
  /**
   * Messages of a batch handler (`BATCH_HANDLER`) applied in one transaction at most
   * (default 60): they share one savepoint and one handler call, so a backlog is worked
   * off in fewer, larger transactions. At most 60: if the handler fails, they are applied
   * again one savepoint each, and Postgres keeps up to 64 subtransactions cheaply.
   */
  groupSize?: number;
  /** A transaction stops taking messages after this many ms (default 10). */
  batchBudgetMs?: number;
  /** Outbox relay: rows per batch and the fallback poll interval. */
  relayBatchSize?: number;
  relayPollMs?: number;
  /** Start the outbox relay in this process (default true). */
  runRelay?: boolean;
}

/**
 * The service's single NATS connection. Opened lazily by the first user, drained last on
 * shutdown (after the transport has stopped its consumers and the relay its batch).
 */
@Injectable()
export class NatsConnectionService implements OnApplicationShutdown {
  private readonly logger = new Logger('Nats');
  private connection?: Promise<NatsConnection>;
  private lean?: Promise<JetStreamPublisher>;
  readonly namespace: MessagingNamespace;

  constructor(
    @Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions,
    @Inject(HealthRegistry) health: HealthRegistry,
  ) {
    this.namespace = new MessagingNamespace(options.prefix ?? '');
    health.register({
      name: 'nats',
      check: async () => {
        const nc = await this.connect();
        if (nc.isClosed()) return { up: false, details: { message: 'connection closed' } };
        await nc.flush();
        return { up: true, details: { server: nc.getServer() } };
      },
    });
  }

  connect(): Promise<NatsConnection> {
    this.connection ??= connect({
      servers: this.options.natsUrl.split(','),
      name: this.options.service,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      timeout: 5000,
      // Otherwise every request (queries, JetStream API calls) allocates two Errors up front
      // to carry the caller's stack. Errors still say what failed. (The relay's publishes do
      // not go through requests at all: see JetStreamPublisher.)
      noAsyncTraces: true,
    }).then((nc) => {
      this.logger.log(`connected to ${nc.getServer()}`);
      void (async () => {
        for await (const status of nc.status()) {
          if (status.type === 'disconnect' || status.type === 'reconnect') this.logger.warn(`NATS ${status.type}`);
        }
      })();
      return nc;
    });
    // A failed first connect is not kept: the next caller (health check, relay, publisher) tries again.
    const attempt = this.connection;
    attempt.catch(() => {
      if (this.connection === attempt) this.connection = undefined;
    });
    return attempt;
  }

  async jetstream(): Promise<JetStreamClient> {
    return jetstream(await this.connect());
  }

  /** The connection's lean JetStream publisher (one reply subscription for all acknowledgements). */
  publisher(): Promise<JetStreamPublisher> {
    const lean = (this.lean ??= this.connect().then((nc) => new JetStreamPublisher(nc)));
    lean.catch(() => {
      if (this.lean === lean) this.lean = undefined;
    });
    return lean;
  }

  async manager(): Promise<JetStreamManager> {
    return jetstreamManager(await this.connect());
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection) return;
    const nc = await this.connection.catch(() => undefined);
    if (nc && !nc.isClosed()) {
      await nc.drain().catch((error: unknown) => this.logger.warn(`drain failed: ${String(error)}`));
    }
  }
}
