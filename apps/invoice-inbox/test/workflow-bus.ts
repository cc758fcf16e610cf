import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager, type MsgRequest } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { streamOfSubject } from '@hub/contracts';
import { MessagingNamespace } from '@hub/messaging';
import { TEST_NATS_URL } from '@hub/testing';

/** A test's handle on the bus under its prefix: publish like a producer, read a subject back. */
export interface TestBus {
  publish(subject: string, payload: Record<string, unknown> & { companyId: string }, msgId: string): Promise<void>;
  /** Every message stored on `subject` so far, oldest first, with its `Nats-Msg-Id`. */
  read<T = Record<string, unknown>>(subject: string): Promise<{ msgId: string; payload: T }[]>;
  close(): Promise<void>;
}

export async function openTestBus(prefix: string): Promise<TestBus> {
  const nc = await connect({ servers: TEST_NATS_URL });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const ns = new MessagingNamespace(prefix);
  return {
    async publish(subject, payload, msgId) {
      const h = headers();
      h.set('Hub-Company-Id', payload.companyId);
      await js.publish(ns.subject(subject), JSON.stringify(payload), { msgID: msgId, headers: h });
    },
    async read<T>(subject: string) {
      // Walks the stream with direct gets by subject (`next_by_subj`): no consumer to create
      // or clean up, and it works on NATS 2.9.
      const stream = ns.stream(streamOfSubject(subject));
      const out: { msgId: string; payload: T }[] = [];
      let seq = 1;
      for (;;) {
        // STREAM.MSG.GET takes `next_by_subj` with `seq`; the client's type only lists the direct-get form.
        const query = { seq, next_by_subj: ns.subject(subject) } as unknown as MsgRequest;
        // Past the last message on the subject the server answers "no message found" (the
        // client turns that into null); anything else (a wrong stream name, no JetStream) is
        // a real failure and must not read as "nothing published".
        const m = await jsm.streams.getMessage(stream, query).catch((error: unknown) => {
          if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return null;
          throw error;
        });
        if (!m) break;
        out.push({ msgId: m.header.get('Nats-Msg-Id'), payload: m.json<T>() });
        seq = m.seq + 1;
      }
      return out;
    },
    close: () => nc.close(),
  };
}
