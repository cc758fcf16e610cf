import { Injectable } from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { checkEvent } from '@hub/contracts';
import { MetricsService, childTrace, runWithContext } from '@hub/platform';
import type { DeadLetterReason } from '../dead-letters/dead-letter.entity';
import { HEADER } from '../message-headers';
import { OutboxWriter } from '../outbox/outbox.writer';
import { JetStreamContext } from './jetstream.context';
import { describeError, isPermanentError, retryDelayMs } from './message-errors';

/** A Nest message handler as registered on the transport. */
export type EventHandlerFn = (payload: unknown, ctx: JetStreamContext) => unknown;

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

/**
 * One message through the pipeline: decode, check the contract, then — inside one
 * transaction — claim the (consumer, message id) inbox row and run the handler. The
 * caller acknowledges only on `ack`/`duplicate`, after this has returned, i.e. after commit.
 */
@Injectable()
export class MessageProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly metrics: MetricsService,
  ) {}

  async process(
    consumer: string,
    message: IncomingMessage,
    handler: EventHandlerFn | undefined,
    maxDeliver: number,
  ): Promise<Outcome> {
    const started = process.hrtime.bigint();
    const outcome = await this.run(consumer, message, handler, maxDeliver);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.handlerDuration.observe({ consumer, subject: message.subject }, seconds);
    this.metrics.handlerOutcomes.inc({ consumer, subject: message.subject, outcome: outcome.kind });
    return outcome;
  }

  private async run(
    consumer: string,
    message: IncomingMessage,
    handler: EventHandlerFn | undefined,
    maxDeliver: number,
  ): Promise<Outcome> {
    const headerCompany = message.headers[HEADER.companyId] ?? null;
    if (!handler) {
      return { kind: 'dead-letter', reason: 'no-handler', error: `no handler for ${message.subject}`, companyId: headerCompany };
    }
    let decoded: unknown;
    try {
      const text = typeof message.data === 'string' ? message.data : Buffer.from(message.data).toString('utf8');
      decoded = JSON.parse(text);
    } catch (error) {
      return { kind: 'dead-letter', reason: 'invalid-payload', error: `not JSON: ${describeError(error)}`, companyId: headerCompany };
    }
    const check = checkEvent(message.subject, decoded);
    if (!check.ok) {
      const detail = check.violations.map((v) => `${v.field || '(payload)'}: ${v.errors.join(', ')}`).join('; ');
      return { kind: 'dead-letter', reason: 'invalid-payload', error: `contract violation: ${detail}`, companyId: headerCompany };
    }
    const payload = check.value as { companyId?: string };
    const companyId = payload.companyId ?? headerCompany ?? '';
    if (headerCompany && payload.companyId && headerCompany !== payload.companyId) {
      return {
        kind: 'dead-letter',
        reason: 'invalid-payload',
        error: `company header ${headerCompany} does not match payload companyId ${payload.companyId}`,
        companyId: headerCompany,
      };
    }
    const trace = childTrace(message.headers[HEADER.traceparent]);
    try {
      const applied = await runWithContext({ companyId, traceId: trace.traceId, traceparent: trace.traceparent }, () =>
        this.dataSource.transaction(async (manager) => {
          const claimed: unknown[] = await manager.query(
            `INSERT INTO inbox_message (consumer, message_id, subject) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING message_id`,
            [consumer, message.messageId, message.subject],
          );
          if (claimed.length === 0) return false;
          const ctx = new JetStreamContext(
            message.subject,
            message.messageId,
            companyId,
            message.deliveryCount,
            message.headers,
            manager,
            this.outbox,
          );
          const result = await handler(payload, ctx);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          return true;
        }),
      );
      return applied ? { kind: 'ack' } : { kind: 'duplicate' };
    } catch (error) {
      const text = describeError(error);
      if (isPermanentError(error)) return { kind: 'dead-letter', reason: 'rejected', error: text, companyId };
      if (message.deliveryCount >= maxDeliver) {
        return { kind: 'dead-letter', reason: 'max-deliveries', error: `after ${message.deliveryCount} deliveries: ${text}`, companyId };
      }
      return { kind: 'retry', delayMs: retryDelayMs(message.deliveryCount), error: text };
    }
  }
}
