import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Injectable,
  Module,
  type OnModuleInit,
  Param,
  Post,
} from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DataSource,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { TestkitProbeReceived } from '@hub/contracts';
import { CompanyIdPipe, ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { BATCH_HANDLER, JetStreamBatchContext } from '@hub/messaging';
import { insertApplications } from '../test/probe/probe-batch.service';
import { ProbeTables1763900009000 } from '../test/probe/probe.migration';
import {
  PROBE_SUBJECT,
  SendProbeDto,
  SendProbeUseCase,
} from '../test/probe/probe.service';

/** Timings the consumer process keeps for the orchestrator (per event, in ms). */
export const consumerTimings = {
  /** Load generator's send time → consumer transaction committed. */
  endToEnd: [] as number[],
  /** Handler start → commit (inbox row, business row, commit). */
  handler: [] as number[],
  /** Wall-clock time of each commit. */
  committedAt: [] as number[],
  reset(): void {
    this.endToEnd = [];
    this.handler = [];
    this.committedAt = [];
  },
};

export const nowMs = (): number => performance.timeOrigin + performance.now();

// ---------- producer: HTTP → business row + outbox row in one transaction ----------

@Controller('companies/:companyId/probes')
class BenchProducerController {
  constructor(private readonly send: SendProbeUseCase) {}

  @Post()
  @HttpCode(202)
  async create(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: SendProbeDto,
  ): Promise<{ messageId: string }> {
    return { messageId: await this.send.execute(companyId, body) };
  }
}

@Module({
  controllers: [BenchProducerController],
  providers: [SendProbeUseCase],
})
class BenchProducerModule {}

export class BenchEnv extends ServiceEnv {}

export const benchProducer: HubServiceDefinition<BenchEnv> = {
  name: 'messaging-bench-producer',
  description: 'Bus benchmark: HTTP write with outbox',
  defaultPort: 3198,
  env: BenchEnv,
  entities: [],
  migrations: [ProbeTables1763900009000],
  modules: () => [BenchProducerModule],
  // BENCH_HTTP=express measures the same service on Express.
  http: process.env['BENCH_HTTP'] === 'express' ? 'express' : 'fastify',
};

// ---------- consumer: JetStream → inbox + business row, timed at commit ----------

interface BenchTxData {
  /** Per message applied in this transaction (several when the consumer batches). */
  benchEvents?: { sentAt: number; startedAt: number }[];
}

/** Records the commit time of every handler transaction that carries bench timestamps. */
@Injectable()
class CommitClock implements EntitySubscriberInterface, OnModuleInit {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as BenchTxData;
    const events = data.benchEvents;
    if (!events) return;
    data.benchEvents = undefined;
    const now = nowMs();
    for (const e of events) {
      consumerTimings.endToEnd.push(now - e.sentAt);
      consumerTimings.handler.push(now - e.startedAt);
      consumerTimings.committedAt.push(now);
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    (event.queryRunner.data as BenchTxData).benchEvents = undefined;
  }
}

/**
 * The consumer as a batch handler (`BATCH_HANDLER`): the messages of one group commit
 * arrive in one call and are applied with one INSERT; their inbox rows were claimed in one
 * statement by the transport.
 */
@Controller()
class BenchConsumerController {
  @EventPattern(PROBE_SUBJECT, BATCH_HANDLER)
  async onProbes(
    @Payload() events: TestkitProbeReceived[],
    @Ctx() ctx: JetStreamBatchContext,
  ): Promise<void> {
    const data = ctx.manager.queryRunner?.data as BenchTxData | undefined;
    if (data) {
      const startedAt = nowMs();
      (data.benchEvents ??= []).push(
        ...events.map((event) => ({
          startedAt,
          sentAt: Number(event.note ?? Date.parse(event.sentAt)),
        })),
      );
    }
    await insertApplications(events, ctx);
  }
}

@Module({ controllers: [BenchConsumerController], providers: [CommitClock] })
class BenchConsumerModule {}

/** Same service name as the test probe: its durable consumer is the one the topology declares. */
export const benchConsumer: HubServiceDefinition<BenchEnv> = {
  name: 'messaging-probe',
  description: 'Bus benchmark: consumer committing with the inbox',
  defaultPort: 3197,
  env: BenchEnv,
  entities: [],
  migrations: [ProbeTables1763900009000],
  modules: () => [BenchConsumerModule],
};
