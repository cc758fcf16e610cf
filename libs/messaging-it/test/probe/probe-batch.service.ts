import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TestkitProbeReceived } from '@hub/contracts';
import type { HubServiceDefinition } from '@hub/service-kit';
import {
  BATCH_HANDLER,
  JetStreamBatchContext,
  PermanentMessageError,
} from '@hub/messaging';
import { probeBehaviour } from './probe-behaviour';
import { ProbeTables1763900009000 } from './probe.migration';
import { PROBE_SUBJECT, ProbeEnv } from './probe.service';

/** One `probe_applied` row per event of a batch, in one statement (shared with the bus bench). */
export async function insertApplications(
  events: readonly TestkitProbeReceived[],
  ctx: JetStreamBatchContext,
): Promise<void> {
  await ctx.manager.query(
    `INSERT INTO probe_applied (probe_id, message_id, company_id, delivery, sent_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[])`,
    [
      events.map((e) => e.probeId),
      ctx.messages.map((m) => m.messageId),
      ctx.messages.map((m) => m.companyId),
      ctx.messages.map((m) => m.deliveryCount),
      events.map((e) => e.sentAt),
    ],
  );
}

/** Sizes of the batches the handler was called with, in call order. */
export const batchCalls: number[] = [];

/** The probe's consumer as a batch handler: one INSERT for the whole batch, behaviour per probe. */
@Controller()
export class BatchProbeController {
  @EventPattern(PROBE_SUBJECT, BATCH_HANDLER)
  async onProbes(
    @Payload() events: TestkitProbeReceived[],
    @Ctx() ctx: JetStreamBatchContext,
  ): Promise<void> {
    batchCalls.push(events.length);
    const transaction = probeBehaviour.transactionOf(ctx.manager.queryRunner);
    const seen = events.map((event, i) =>
      probeBehaviour.record({
        probeId: event.probeId,
        messageId: ctx.messages[i]?.messageId ?? '',
        deliveryCount: ctx.messages[i]?.deliveryCount ?? 0,
        at: Date.now(),
        transaction,
      }),
    );
    await insertApplications(events, ctx);
    events.forEach((event, i) => {
      const behaviour = probeBehaviour.get(event.probeId);
      if (behaviour.permanent)
        throw new PermanentMessageError(
          `probe ${event.probeId} can never be applied`,
        );
      const attempt = seen[i] ?? 0;
      if (
        behaviour.failAlways ||
        (behaviour.failTimes !== undefined && attempt <= behaviour.failTimes)
      ) {
        throw new Error(
          `probe ${event.probeId} fails on purpose (attempt ${attempt})`,
        );
      }
    });
  }
}

@Module({ controllers: [BatchProbeController] })
export class BatchProbeModule {}

/** Same service name (hence durable consumer) as the probe, with the batch handler. */
export const messagingBatchProbe: HubServiceDefinition<ProbeEnv> = {
  name: 'messaging-probe',
  description: 'Test kit service: the probe consumer as a batch handler',
  defaultPort: 3196,
  env: ProbeEnv,
  entities: [],
  migrations: [ProbeTables1763900009000],
  modules: () => [BatchProbeModule],
};
