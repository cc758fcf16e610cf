import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '../outbox/outbox.writer';

/**
 * What a handler gets besides the payload (`@Ctx()`): the open transaction it must do
 * all its writes in, and `publish` to emit events in that same transaction. The message
 * is acknowledged only after this transaction commits.
 */
export class JetStreamContext {
  constructor(
    readonly subject: string,
    readonly messageId: string,
    readonly companyId: string,
    readonly deliveryCount: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly manager: EntityManager,
    private readonly outbox: OutboxWriter,
  ) {}

  publish(event: object & { companyId: string }): Promise<string> {
    return this.outbox.publish(this.manager, event);
  }
}

/** One message of a batch (what {@link JetStreamContext} says of a single message). */
export interface BatchMessageInfo {
  readonly messageId: string;
  readonly companyId: string;
  readonly deliveryCount: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * `@EventPattern(subject, BATCH_HANDLER)`: the handler receives the payloads of several
 * messages of one subject at once (an array) and this context, whose `messages[i]`
 * describes `payloads[i]`. All of them share the transaction; they are acknowledged after
 * it commits. If the handler throws, its writes are rolled back and each message is handed
 * to it again alone (in an array of one), so a failure is classified per message exactly as
 * with a single-message handler.
 */
export class JetStreamBatchContext {
  constructor(
    readonly subject: string,
    readonly messages: readonly BatchMessageInfo[],
    readonly manager: EntityManager,
    private readonly outbox: OutboxWriter,
  ) {}

  publish(event: object & { companyId: string }): Promise<string> {
    return this.outbox.publish(this.manager, event);
  }

  publishMany(events: readonly (object & { companyId: string })[]): Promise<string[]> {
    return this.outbox.publishMany(this.manager, events, { validateEach: true });
  }
}

/** Extras of `@EventPattern(subject, BATCH_HANDLER)`: the handler takes batches. */
export const BATCH_HANDLER = Object.freeze({ batch: true });
