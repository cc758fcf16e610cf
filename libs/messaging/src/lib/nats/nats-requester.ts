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
    let body: { ok?: unknown; data?: T; error?: string; stream?: string };
    try {
      body = JSON.parse(Buffer.from(reply.data).toString('utf8')) as typeof body;
    } catch {
      throw new RequestFailedError(subject, 'the reply is not JSON');
    }
    if (typeof body.ok !== 'boolean') {
      // e.g. a JetStream PubAck: the subject is captured by a stream, no handler answered.
      const hint = body.stream ? ` (answered by JetStream stream ${body.stream}: use a subject outside the streams)` : '';
      throw new RequestFailedError(subject, `the reply is not a hub reply${hint}`);
    }
    if (!body.ok) throw new RequestFailedError(subject, body.error ?? 'unknown error');
    return body.data as T;
  }
}
