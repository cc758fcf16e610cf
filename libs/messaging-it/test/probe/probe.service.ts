import {
  Body,
  Controller,
  HttpCode,
  Injectable,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import {
  Ctx,
  EventPattern,
  MessagePattern,
  Payload,
} from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import {
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestkitProbeReceived } from '@hub/contracts';
import { GroupCommit } from '@hub/persistence';
import { CompanyIdPipe, ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import {
  JetStreamContext,
  OutboxWriter,
  PermanentMessageError,
} from '@hub/messaging';
import { probeBehaviour } from './probe-behaviour';
import { ProbeTables1763900009000 } from './probe.migration';

export const PROBE_SUBJECT = 'testkit.probe.received.v1';
/** Request subjects live outside every stream's subjects (streams capture `<context>.>`). */
export const PROBE_ECHO = 'query.testkit.probe.echo';

export class SendProbeDto {
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/)
  probeId!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  sentAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  note?: string;
}

interface ProbeWrite {
  companyId: string;
  dto: SendProbeDto;
}

/**
 * The write side: a business row and its event in one transaction (the outbox pattern).
 * Concurrent requests share a transaction (group commit): one INSERT per table for the
 * whole group, one commit; a group that fails is retried request by request.
 */
@Injectable()
export class SendProbeUseCase {
  private readonly group: GroupCommit<ProbeWrite, string>;

  constructor(dataSource: DataSource, outbox: OutboxWriter) {
    // One statement per group (business rows as a CTE + outbox rows): atomic without a
    // transaction, so a group costs one round trip.
    this.group = new GroupCommit(
      dataSource,
      (manager, writes) =>
        outbox.publishAlong(
          manager,
          {
            sql: `INSERT INTO probe_note (id, company_id, probe_id)
                  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
            params: [
              writes.map(() => randomUUID()),
              writes.map((w) => w.companyId),
              writes.map((w) => w.dto.probeId),
            ],
          },
          writes.map(({ companyId, dto }) =>
            plainToInstance(TestkitProbeReceived, {
              companyId,
              probeId: dto.probeId,
              sentAt: dto.sentAt ?? new Date().toISOString(),
              ...(dto.note === undefined ? {} : { note: dto.note }),
            }),
          ),
        ),
      // One statement in flight, and under steady load 3 ms between them: larger groups,
      // fewer round trips per request (see GroupCommitOptions.minGapMs).
      { transaction: false, maxInFlight: 1, minGapMs: 3 },
    );
  }

  /** Resolves with the event's message id once the write committed. */
  execute(companyId: string, dto: SendProbeDto): Promise<string> {
    return this.group.submit({ companyId, dto });
  }
}

@Controller('companies/:companyId/probes')
export class ProbeController {
  constructor(private readonly send: SendProbeUseCase) {}

  @Post()
  @HttpCode(202)
  async create(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: SendProbeDto,
  ): Promise<{ messageId: string }> {
    return { messageId: await this.send.execute(companyId, body) };
  }

  /** Applies a probe: one row per application, behaviour from the test. */
  @EventPattern(PROBE_SUBJECT)
  async onProbe(
    @Payload() event: TestkitProbeReceived,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    const behaviour = probeBehaviour.get(event.probeId);
    const seen = probeBehaviour.record({
      probeId: event.probeId,
      messageId: ctx.messageId,
      deliveryCount: ctx.deliveryCount,
      at: Date.now(),
      transaction: probeBehaviour.transactionOf(ctx.manager.queryRunner),
    });
    await ctx.manager.query(
      `INSERT INTO probe_applied (probe_id, message_id, company_id, delivery, sent_at) VALUES ($1, $2, $3, $4, $5)`,
      [
        event.probeId,
        ctx.messageId,
        ctx.companyId,
        ctx.deliveryCount,
        event.sentAt,
      ],
    );
    if (behaviour.delayMs)
      await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (behaviour.swallowDbErrorTimes !== undefined && seen <= behaviour.swallowDbErrorTimes)
      await ctx.manager.query('SELECT 1 / 0').catch(() => undefined);
    if (behaviour.permanent)
      throw new PermanentMessageError(
        `probe ${event.probeId} can never be applied`,
      );
    if (
      behaviour.failAlways ||
      (behaviour.failTimes !== undefined && seen <= behaviour.failTimes)
    ) {
      throw new Error(
        `probe ${event.probeId} fails on purpose (attempt ${seen})`,
      );
    }
  }

  /** Request/reply: echoes, or fails when asked to. */
  @MessagePattern(PROBE_ECHO)
  async echo(@Payload() data: { text?: string; fail?: boolean; delayMs?: number }): Promise<{
    echo: string | undefined;
  }> {
    if (data.delayMs) await new Promise((r) => setTimeout(r, data.delayMs));
    if (data.fail) throw new Error('echo refused on purpose');
    return { echo: data.text };
  }
}

@Module({ controllers: [ProbeController], providers: [SendProbeUseCase] })
export class ProbeModule {}

export class ProbeEnv extends ServiceEnv {}

/** A small real service (same kit as the apps) that consumes the test kit probe subject. */
export const messagingProbe: HubServiceDefinition<ProbeEnv> = {
  name: 'messaging-probe',
  description: 'Test kit service of the messaging integration tests',
  defaultPort: 3199,
  env: ProbeEnv,
  entities: [],
  migrations: [ProbeTables1763900009000],
  modules: () => [ProbeModule],
};
