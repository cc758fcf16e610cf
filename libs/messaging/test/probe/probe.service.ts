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
import { CompanyIdPipe, ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import {
  JetStreamContext,
  OutboxWriter,
  PermanentMessageError,
} from '../../src';
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

/** The write side: a business row and its event in one transaction (the outbox pattern). */
@Injectable()
export class SendProbeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(companyId: string, dto: SendProbeDto): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await manager.query(
        `INSERT INTO probe_note (id, company_id, probe_id) VALUES ($1, $2, $3)`,
        [id, companyId, dto.probeId],
      );
      return this.outbox.publish(
        manager,
        plainToInstance(TestkitProbeReceived, {
          companyId,
          probeId: dto.probeId,
          sentAt: dto.sentAt ?? new Date().toISOString(),
          ...(dto.note === undefined ? {} : { note: dto.note }),
        }),
      );
    });
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
  echo(@Payload() data: { text?: string; fail?: boolean }): {
    echo: string | undefined;
  } {
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
