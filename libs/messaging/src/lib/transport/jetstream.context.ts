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
