import { createInbox, MsgHdrsImpl, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** What JetStream answers to a stored publish. */
export interface PublishAck {
  stream: string;
  seq: number;
  /** The `Nats-Msg-Id` was seen within the stream's duplicate window: not stored again. */
  duplicate: boolean;
}

export class JetStreamPublishError extends Error {
  constructor(subject: string, reason: string) {
    super(`JetStream publish to ${subject} failed: ${reason}`);
    this.name = 'JetStreamPublishError';
  }
}

interface Waiter {
  subject: string;
  deadline: number;
  resolve(ack: PublishAck): void;
  reject(error: Error): void;
}

const CR_OR_LF = /[\r\n]/;

/**
 * Publishes to JetStream and waits for the stream's acknowledgement, as `js.publish` does,
 * but as plain publishes whose replies all come to ONE subscription of this publisher
 * (`<inbox>.<n>`): no request object, mux entry, timer or pair of error objects per message,
 * and one sweep a second for acknowledgements that never came. The outbox relay publishes
 * every event of the service through it.
 *
 * Semantics are those of `js.publish`: it resolves only once the stream stored the message
 * (or recognised its `Nats-Msg-Id` as a duplicate), and rejects on a JetStream error, when
 * no stream captures the subject, on timeout, and when the connection closes.
 */
export class JetStreamPublisher {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiter>();
  private sub?: Subscription;
  private sweeper?: NodeJS.Timeout;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Acknowledgements not yet received (for tests and metrics). */
  get pending(): number {
    return this.waiting.size;
  }

  /**
   * @param headers header values must not contain CR or LF (checked: they would break the protocol).
   */
  publish(subject: string, payload: string | Uint8Array, msgId: string, headers: Readonly<Record<string, string>> = {}): Promise<PublishAck> {
    return new Promise<PublishAck>((resolve, reject) => {
      const record: Record<string, string[]> = { 'Nats-Msg-Id': [msgId] };
      for (const key in headers) {
        const value = headers[key] as string;
        if (CR_OR_LF.test(value) || CR_OR_LF.test(key)) {
          reject(new JetStreamPublishError(subject, `header ${JSON.stringify(key)} contains CR or LF`));
          return;
        }
        record[key] = [value];
      }
      if (CR_OR_LF.test(msgId)) {
        reject(new JetStreamPublishError(subject, 'the message id contains CR or LF'));
        return;
      }
      const token = (this.next++).toString(36);
      try {
        this.subscribe();
        this.nc.publish(subject, payload, { reply: `${this.inbox}.${token}`, headers: MsgHdrsImpl.fromRecord(record) });
      } catch (error) {
        reject(new JetStreamPublishError(subject, error instanceof Error ? error.message : String(error)));
        return;
      }
      this.waiting.set(token, { subject, deadline: Date.now() + this.timeoutMs, resolve, reject });
      this.sweeper ??= setInterval(() => this.sweep(), Math.min(1000, this.timeoutMs)).unref();
    });
  }

  /** Rejects whatever still waits and stops listening (the connection itself stays open). */
  close(reason = 'publisher closed'): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    this.failAll(reason);
  }

  private subscribe(): void {
    if (this.sub && !this.sub.isClosed()) return;
    const sub = this.nc.subscribe(`${this.inbox}.*`, { callback: (_error, msg) => this.settle(msg) });
    this.sub = sub;
    const lost = (): void => {
      if (this.sub === sub) this.failAll('the NATS connection closed before JetStream acknowledged');
    };
    void sub.closed.then(lost, lost);
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const waiter = this.waiting.get(token);
    if (!waiter) return; // timed out already
    this.waiting.delete(token);
    if (msg.headers?.hasError) {
      const reason = msg.headers.code === 503 ? 'no JetStream stream captures the subject (no responders)' : msg.headers.status;
      waiter.reject(new JetStreamPublishError(waiter.subject, reason));
      return;
    }
    let ack: { stream?: string; seq?: number; duplicate?: boolean; error?: { code?: number; err_code?: number; description?: string } };
    try {
      ack = msg.json();
    } catch {
      waiter.reject(new JetStreamPublishError(waiter.subject, 'the acknowledgement is not JSON'));
      return;
    }
    if (ack.error) {
      waiter.reject(new JetStreamPublishError(waiter.subject, `${ack.error.description ?? 'error'} (${ack.error.code ?? '?'}/${ack.error.err_code ?? '?'})`));
    } else if (!ack.stream || typeof ack.seq !== 'number') {
      waiter.reject(new JetStreamPublishError(waiter.subject, 'invalid acknowledgement'));
    } else {
      waiter.resolve({ stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate === true });
    }
  }

  /** Times out what waited too long: entries are in publish order, so the scan stops at the first one still in time. */
  private sweep(): void {
    const now = Date.now();
    for (const [token, waiter] of this.waiting) {
      if (waiter.deadline > now) break;
      this.waiting.delete(token);
      waiter.reject(new JetStreamPublishError(waiter.subject, `no acknowledgement within ${this.timeoutMs} ms`));
    }
    if (this.waiting.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private failAll(reason: string): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiters) w.reject(new JetStreamPublishError(w.subject, reason));
    if (this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}
