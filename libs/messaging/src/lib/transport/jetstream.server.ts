import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Msg, MsgHdrs, Subscription } from '@nats-io/nats-core';
import { isObservable, lastValueFrom } from 'rxjs';
import { type ConsumerDeclaration, STREAMS, consumersOf, durableName } from '@hub/contracts';
import { HealthRegistry, childTrace, runWithContext } from '@hub/platform';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { HEADER } from '../message-headers';
import { MESSAGING_OPTIONS, type MessagingOptions, NatsConnectionService } from '../nats/nats-connection.service';
import { type EventHandlerFn, type IncomingMessage, MessageProcessor, type Outcome, type PreparedMessage } from './message-processor';
import { describeError } from './message-errors';
import { Semaphore } from './semaphore';

interface BoundConsumer {
  declaration: ConsumerDeclaration;
  durable: string;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
  /** Delivered, not yet taken by a lane. */
  queue: JsMsg[];
  lanes: Set<Lane>;
  /** Bounds the messages held (queued or in a lane) until they are settled. */
  slots?: Semaphore;
  timer?: NodeJS.Timeout;
}

/** One transaction at a time, taking queued messages into it while it is collecting. */
interface Lane {
  collecting: boolean;
  /** When the handler in progress started (performance.now()); undefined between messages. */
  handlerSince?: number;
}

/** Messages per transaction at most (< 64: Postgres keeps that many subtransactions cheaply). */
const DEFAULT_BATCH_SIZE = 16;
/** Messages of batch handlers per transaction at most (one savepoint for all; see `groupSize`). */
const DEFAULT_GROUP_SIZE = 60;
/** A lane stops taking messages into its transaction after this long (latency bound). */
const DEFAULT_BATCH_BUDGET_MS = 10;
/** A lane busy in one handler this long no longer counts as about to take the next message. */
const LANE_BUSY_MS = 3;

export type ReplayResult = { replayed: true } | { replayed: false; error: string };

/**
 * Nest transport on NATS JetStream. `@EventPattern` handlers run from durable pull
 * consumers declared in the contracts topology; `@MessagePattern` handlers answer core
 * NATS requests (queries only) in a queue group. Shutdown: stop pulling, give back what
 * was pulled but not started, wait for in-flight handlers, drain subscriptions.
 */
@Injectable()
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('JetStreamServer');
  private readonly consumers: BoundConsumer[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;
  private bindTimer?: NodeJS.Timeout;
  /** The bind in progress, if any (`close` waits for it). */
  private binding?: Promise<void>;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly processor: MessageProcessor,
    private readonly deadLetters: DeadLetterStore,
    @Inject(HealthRegistry) health: HealthRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    super();
    health.register({
      name: 'consumers',
      check: async () => {
        const unbound = this.consumers.filter((c) => !c.messages).map((c) => c.durable);
        return { up: unbound.length === 0, details: { bound: this.consumers.length - unbound.length, unbound } };
      },
    });
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    this.stopping = true;
    if (this.bindTimer) clearTimeout(this.bindTimer);
    // A bind already on its way finishes first (it binds nothing more once stopping).
    await this.binding;
    for (const c of this.consumers) c.messages?.stop();
    // No new requests or advisories either: under steady request traffic the wait for the
    // work in hand below would otherwise never end.
    await Promise.allSettled(this.subscriptions.map((s) => s.drain()));
    await Promise.allSettled(this.consumers.map((c) => c.loop));
    // Lanes start lanes (what they leave queued): wait until none is left.
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    for (const c of this.consumers) if (c.timer) clearTimeout(c.timer);
    this.log.log('consumers stopped, in-flight handlers finished');
  }

  on(): never {
    throw new Error('JetStreamServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    throw new Error('JetStreamServer does not expose its connection; use NatsConnectionService');
  }

  /** Runs a dead letter through its handler again; marks it replayed on success. */
  async replay(id: string): Promise<ReplayResult> {
    const letter = await this.deadLetters.get(id);
    if (!letter) throw new Error(`no dead letter ${id}`);
    const outcome = await this.processor.process(
      letter.consumer,
      {
        subject: letter.subject,
        data: letter.payload,
        headers: letter.headers,
        messageId: letter.messageId,
        deliveryCount: 1,
        streamSequence: letter.streamSequence === null ? null : Number(letter.streamSequence),
      },
      this.eventHandler(letter.subject),
      Number.POSITIVE_INFINITY,
    );
    if (outcome.kind === 'ack' || outcome.kind === 'duplicate') {
      await this.deadLetters.markReplayed(id);
      return { replayed: true };
    }
    await this.deadLetters.markReplayFailed(id, outcome.error);
    return { replayed: false, error: outcome.error };
  }

  private async start(): Promise<void> {
    this.stopping = false;
    const service = this.options.service;
    const declarations = consumersOf(service);
    const handled = [...this.messageHandlers.entries()].filter(([, h]) => h.isEventHandler).map(([p]) => p);
    const declared = new Set(declarations.flatMap((d) => d.subjects));
    const undeclared = handled.filter((p) => !declared.has(p));
    if (undeclared.length > 0) {
      throw new Error(`${service} handles ${undeclared.join(', ')} but the topology declares no consumer for it`);
    }
    const unhandled = [...declared].filter((s) => !handled.includes(s));
    if (unhandled.length > 0) throw new Error(`${service}'s consumers deliver ${unhandled.join(', ')} but no handler exists`);

    // A request on a subject a stream captures is answered by JetStream (a PubAck) before
    // the handler can answer, and stored as an event: refuse to start rather than misbehave.
    const captured = [...this.messageHandlers.entries()]
      .filter(([, h]) => !h.isEventHandler)
      .flatMap(([p]) => STREAMS.filter((st) => st.subjects.some((f) => subjectMatches(f, p))).map((st) => `${p} (stream ${st.name})`));
    if (captured.length > 0) {
      throw new Error(`${service}: request subjects must not be captured by a JetStream stream: ${captured.join(', ')}`);
    }

    const nc = await this.nats.connect();
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      const sub = nc.subscribe(this.nats.namespace.subject(pattern), {
        queue: this.nats.namespace.queueGroup(service),
        callback: (err, msg) => {
          if (!err) this.track(this.answer(pattern, msg, handler));
        },
      });
      this.subscriptions.push(sub);
    }
    for (const declaration of declarations) {
      const durable = this.nats.namespace.durable(durableName(declaration));
      const bound: BoundConsumer = { declaration, durable, queue: [], lanes: new Set() };
      this.consumers.push(bound);
      // Consumers are provisioned without a server-side max_deliver (the transport enforces it).
      // One provisioned with a limit stops delivering a message after it without telling the
      // consumer when the last delivery was never settled; its advisory is the only trace: turn
      // it into a dead letter so nothing is lost silently.
      const stream = this.nats.namespace.stream(declaration.stream);
      const advisories = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${durable}`, {
        queue: this.nats.namespace.queueGroup(service),
        callback: (err, msg) => {
          if (!err) this.track(this.onMaxDeliveries(bound, msg));
        },
      });
      this.subscriptions.push(advisories);
    }
    await this.bind();
  }

  /** Binds the consumers not bound yet; one bind at a time, none once stopping. */
  private bind(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.binding ??= this.bindAll().finally(() => (this.binding = undefined));
    return this.binding;
  }

  private scheduleBind(ms: number): void {
    if (this.stopping) return;
    if (this.bindTimer) clearTimeout(this.bindTimer);
    this.bindTimer = setTimeout(() => void this.bind(), ms);
  }

  /** Records a dead letter for a message JetStream gave up on, unless it was applied or recorded already. */
  private async onMaxDeliveries(bound: BoundConsumer, advisory: Msg): Promise<void> {
    const event = JSON.parse(Buffer.from(advisory.data).toString('utf8')) as { stream: string; stream_seq: number; deliveries: number };
    const jsm = await this.nats.manager();
    const stored = await jsm.streams.getMessage(event.stream, { seq: event.stream_seq }).catch(() => null);
    if (!stored) {
      this.log.error(`message ${event.stream}#${event.stream_seq} exceeded max deliveries on ${bound.durable} and is no longer in the stream`);
      return;
    }
    const headers = headerRecord(stored.header);
    const messageId = headers[HEADER.messageId] ?? `${event.stream}:${event.stream_seq}`;
    if (await this.deadLetters.isSettled(bound.durable, messageId)) return;
    await this.deadLetters.record({
      consumer: bound.durable,
      subject: this.nats.namespace.baseSubject(stored.subject),
      messageId,
      companyId: headers[HEADER.companyId] ?? null,
      streamSequence: stored.seq,
      payload: Buffer.from(stored.data).toString('utf8'),
      headers,
      reason: 'max-deliveries',
      error: `JetStream gave up after ${event.deliveries} deliveries without an acknowledgement (the handler crashed, hung or outlived ack_wait)`,
      deliveries: event.deliveries,
    });
  }

  /** Binds every consumer; those not provisioned yet are retried, and readiness stays red. */
  private async bindAll(): Promise<void> {
    const js = await this.nats.jetstream();
    const concurrency = this.options.concurrency ?? 16;
    for (const bound of this.consumers.filter((c) => !c.messages)) {
      if (this.stopping) return;
      // Pulled and not yet settled, at most: room for two handler rounds — or, for a consumer
      // with a batch handler, for two full groups.
      const grouped = bound.declaration.subjects.some((s) => this.eventHandler(s)?.extras?.['batch'] === true);
      const inHand = grouped ? Math.max(concurrency * 2, 2 * (this.options.groupSize ?? DEFAULT_GROUP_SIZE)) : concurrency * 2;
      try {
        const consumer = await js.consumers.get(this.nats.namespace.stream(bound.declaration.stream), bound.durable);
        const messages = await consumer.consume({ max_messages: inHand });
        if (this.stopping) {
          // Closed meanwhile: what it pulled is redelivered after ack_wait, nothing runs now.
          messages.stop();
          return;
        }
        bound.messages = messages;
        bound.slots ??= new Semaphore(inHand);
        bound.loop = this.pump(bound, bound.slots);
      } catch (error) {
        this.log.warn(`consumer ${bound.durable} not bound (run provision?): ${describeError(error)}`);
      }
    }
    if (this.consumers.some((c) => !c.messages)) this.scheduleBind(5000);
  }

  private async pump(bound: BoundConsumer, slots: Semaphore): Promise<void> {
    const messages = bound.messages;
    if (!messages) return;
    try {
      // After close() stops the pull, the iterator still yields what was already delivered to
      // us; those are handled like the rest (at most max_messages, ~2 handler rounds) rather
      // than nak'ed: a plain nak during shutdown proved unreliable (NATS 2.9 left some nak'ed
      // messages ack-pending, i.e. stuck until ack_wait), and a handled message needs nothing
      // from the server but the ack.
      for await (const msg of messages) {
        await slots.acquire();
        bound.queue.push(msg);
        this.dispatch(bound);
      }
    } catch (error) {
      this.log.error(`consumer ${bound.durable} stopped: ${describeError(error)}`);
    }
    if (!this.stopping) {
      bound.messages = undefined;
      this.scheduleBind(1000);
    }
  }

  /**
   * Group commit: queued messages go into the transaction of a lane that is collecting; a
   * new lane (transaction) starts only when none is collecting or every collecting lane has
   * been busy in one handler for a while (slow handlers still run up to `concurrency` at
   * once). A lane stops collecting when the queue is empty, its batch is full or its time
   * budget is spent, then commits and settles its messages while another lane collects.
   */
  private dispatch(bound: BoundConsumer): void {
    const maxLanes = this.options.concurrency ?? 16;
    while (bound.queue.length > 0 && bound.lanes.size < maxLanes) {
      const now = performance.now();
      let nextBusy = Number.POSITIVE_INFINITY;
      let available = false;
      for (const lane of bound.lanes) {
        if (!lane.collecting) continue;
        const since = lane.handlerSince ?? now;
        if (now - since < LANE_BUSY_MS) {
          available = true;
          nextBusy = Math.min(nextBusy, since + LANE_BUSY_MS);
        }
      }
      if (available) {
        // Re-check when the collecting lanes would count as busy (an early check re-arms).
        bound.timer ??= setTimeout(
          () => {
            bound.timer = undefined;
            this.dispatch(bound);
          },
          Math.max(1, nextBusy - now),
        );
        return;
      }
      this.startLane(bound);
    }
  }

  private startLane(bound: BoundConsumer): void {
    const lane: Lane = { collecting: true };
    bound.lanes.add(lane);
    this.track(
      this.runLane(bound, lane).finally(() => {
        bound.lanes.delete(lane);
        this.dispatch(bound);
      }),
    );
  }

  private async runLane(bound: BoundConsumer, lane: Lane): Promise<void> {
    const maxBatch = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    // Messages of batch handlers share one savepoint: more of them fit in a transaction.
    const maxGroup = Math.max(maxBatch, this.options.groupSize ?? DEFAULT_GROUP_SIZE);
    const budgetMs = this.options.batchBudgetMs ?? DEFAULT_BATCH_BUDGET_MS;
    const batch = this.processor.batch();
    const applied: { msg: JsMsg; incoming: IncomingMessage }[] = [];
    // Messages for batch handlers (`BATCH_HANDLER`), by subject, applied together when the
    // lane stops collecting: one inbox claim and one handler call for all of them.
    const grouped = new Map<string, { msg: JsMsg; incoming: IncomingMessage; prepared: PreparedMessage }[]>();
    let held = 0;
    const applyGroups = async (): Promise<void> => {
      for (const group of grouped.values()) {
        lane.handlerSince = performance.now();
        const taken = await batch.applyMany(group.map((g) => g.prepared));
        lane.handlerSince = undefined;
        applied.push(...group.slice(0, taken));
        // The transaction ended under them: another lane takes the rest, in order.
        bound.queue.unshift(...group.slice(taken).map((g) => g.msg));
      }
      grouped.clear();
    };
    let started: number | undefined;
    try {
      while (batch.open && applied.length < maxBatch && applied.length + held < maxGroup) {
        const msg = bound.queue.shift();
        if (!msg) break;
        lane.handlerSince = performance.now();
        const incoming = this.incoming(msg);
        let prepared: ReturnType<MessageProcessor['prepare']>;
        try {
          prepared = this.processor.prepare(bound.durable, incoming, this.eventHandler(incoming.subject), bound.declaration.maxDeliver);
        } catch (error) {
          prepared = { kind: 'retry', delayMs: 1000, error: describeError(error) };
        }
        if ('kind' in prepared) {
          // Never applicable (or could not even be checked): settled at once, outside the transaction.
          this.track(this.settle(bound, msg, incoming, prepared).finally(() => bound.slots?.release()));
          continue;
        }
        if (started === undefined) {
          // Waiting for a connection is not being busy in a handler: other lanes would only
          // wait for connections too. The time budget starts once the transaction is open.
          lane.handlerSince = undefined;
          await batch.start();
          started = lane.handlerSince = performance.now();
        }
        if (prepared.batch) {
          const group = grouped.get(incoming.subject) ?? [];
          group.push({ msg, incoming, prepared });
          grouped.set(incoming.subject, group);
          held += 1;
          lane.handlerSince = undefined;
          if (performance.now() - started >= budgetMs) break;
          continue;
        }
        if (!(await batch.apply(prepared))) {
          // The transaction cannot take it (it ended): another lane will.
          bound.queue.unshift(msg);
          break;
        }
        applied.push({ msg, incoming });
        lane.handlerSince = undefined;
        if (performance.now() - started >= budgetMs) break;
      }
      await applyGroups();
    } finally {
      lane.collecting = false;
      lane.handlerSince = undefined;
      // Only if collecting failed unexpectedly: held messages go back, not astray.
      for (const group of grouped.values()) bound.queue.unshift(...group.map((g) => g.msg));
      grouped.clear();
    }
    // Another lane may collect what arrives while this one commits.
    this.dispatch(bound);
    let outcomes: Outcome[];
    try {
      outcomes = await batch.commit();
    } catch (error) {
      outcomes = applied.map(() => ({ kind: 'retry', delayMs: 1000, error: describeError(error) }));
    }
    await Promise.all(
      applied.map(({ msg, incoming }, i) =>
        this.settle(bound, msg, incoming, outcomes[i] ?? { kind: 'retry', delayMs: 1000, error: 'no outcome' })
          .catch((error: unknown) => this.log.error(`could not settle ${incoming.messageId}: ${describeError(error)}`))
          .finally(() => bound.slots?.release()),
      ),
    );
  }

  private incoming(msg: JsMsg): IncomingMessage {
    const headers = headerRecord(msg.headers);
    return {
      subject: this.nats.namespace.baseSubject(msg.subject),
      data: msg.data,
      headers,
      messageId: headers[HEADER.messageId] ?? `${msg.info.stream}:${msg.seq}`,
      deliveryCount: msg.info.deliveryCount,
      streamSequence: msg.seq,
    };
  }

  private async settle(bound: BoundConsumer, msg: JsMsg, incoming: IncomingMessage, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'ack':
      case 'duplicate':
        msg.ack();
        return;
      case 'retry':
        this.log.warn(`${incoming.subject} ${incoming.messageId} failed (delivery ${incoming.deliveryCount}), retrying: ${outcome.error}`);
        msg.nak(outcome.delayMs);
        return;
      case 'dead-letter':
        try {
          // Over the delivery limit (see `MessageProcessor.prepare`): an earlier delivery may have
          // been applied, or kept as a dead letter, after all.
          if (incoming.deliveryCount > bound.declaration.maxDeliver && (await this.deadLetters.isSettled(bound.durable, incoming.messageId))) {
            msg.term();
            return;
          }
          await this.deadLetters.record({
            consumer: bound.durable,
            subject: incoming.subject,
            messageId: incoming.messageId,
            companyId: outcome.companyId,
            streamSequence: incoming.streamSequence,
            payload: Buffer.from(msg.data).toString('utf8'),
            headers: incoming.headers,
            reason: outcome.reason,
            error: outcome.error,
            deliveries: incoming.deliveryCount,
          });
          // No reason text: servers before 2.10 (Debian's 2.9) ignore a `+TERM <reason>` ack
          // entirely, leaving the message pending to be redelivered and dead-lettered again
          // after ack_wait. The reason is in the dead letter.
          msg.term();
        } catch (error) {
          // Could not keep it: leave it on the stream rather than lose it.
          this.log.error(`could not record dead letter: ${describeError(error)}`);
          msg.nak(5000);
        }
        return;
    }
  }

  private eventHandler(subject: string): EventHandlerFn | undefined {
    const handler = this.messageHandlers.get(subject);
    return handler?.isEventHandler ? (handler as unknown as EventHandlerFn) : undefined;
  }

  private async answer(pattern: string, msg: Msg, handler: (data: unknown, ctx: unknown) => unknown): Promise<void> {
    const headers = headerRecord(msg.headers);
    const trace = childTrace(headers[HEADER.traceparent]);
    try {
      const data: unknown = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : {};
      const result = await runWithContext({ traceId: trace.traceId, traceparent: trace.traceparent }, async () => {
        const r = await handler(data, { subject: pattern, headers });
        return isObservable(r) ? lastValueFrom(r, { defaultValue: undefined }) : r;
      });
      msg.respond(JSON.stringify({ ok: true, data: result ?? null }));
    } catch (error) {
      msg.respond(JSON.stringify({ ok: false, error: describeError(error) }));
    }
  }

  private track(work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.log.error(`message handling failed: ${describeError(error)}`))
      .finally(() => this.inflight.delete(tracked));
    this.inflight.add(tracked);
  }
}

/** NATS subject matching: `*` is one token, `>` the rest (one or more tokens). */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const t = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return t.length > i;
    if (i >= t.length || (f[i] !== '*' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

function headerRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}
