import { Injectable } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { currentContext, childTrace } from '@hub/platform';
import { HEADER } from '../message-headers';
import { NatsConnectionService } from './nats-connection.service';

export class RequestFailedError extends Error {
  constructor(subject: string, reason: string) {
    super(`request ${subject} failed: ${reason}`);
    this.name = 'RequestFailedError';
  }
}

/** Core NATS request/reply for queries (never for state changes: those are events). */
@Injectable()
export class NatsRequester {
  constructor(private readonly nats: NatsConnectionService) {}

  async request<T>(subject: string, payload: unknown, timeoutMs = 5000): Promise<T> {
    const nc = await this.nats.connect();
    const h = natsHeaders();
    h.set(HEADER.traceparent, childTrace(currentContext().traceparent).traceparent);
    const reply = await nc
      .request(this.nats.namespace.subject(subject), JSON.stringify(payload), { timeout: timeoutMs, headers: h })
      .catch((error: unknown) => {
        throw new RequestFailedError(subject, error instanceof Error ? error.message : String(error));
      });
    const body = JSON.parse(Buffer.from(reply.data).toString('utf8')) as { ok: boolean; data?: T; error?: string };
    if (!body.ok) throw new RequestFailedError(subject, body.error ?? 'unknown error');
    return body.data as T;
  }
}
