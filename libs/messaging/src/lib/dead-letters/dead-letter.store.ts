import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '@hub/platform';
import { DeadLetter, type DeadLetterReason } from './dead-letter.entity';

export interface NewDeadLetter {
  consumer: string;
  subject: string;
  messageId: string;
  companyId: string | null;
  streamSequence: number | null;
  payload: string;
  headers: Record<string, string>;
  reason: DeadLetterReason;
  error: string;
  deliveries: number;
}

export interface DeadLetterQuery {
  consumer?: string;
  companyId?: string;
  includeReplayed?: boolean;
  limit?: number;
}

/** Dead letters in the service's own schema: listed, inspected, replayed. */
@Injectable()
export class DeadLetterStore {
  private readonly logger = new Logger('DeadLetters');

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  async record(entry: NewDeadLetter): Promise<DeadLetter> {
    const saved = await this.dataSource.getRepository(DeadLetter).save({ ...entry, streamSequence: entry.streamSequence?.toString() ?? null });
    this.metrics.deadLetters.inc({ consumer: entry.consumer, subject: entry.subject, reason: entry.reason });
    // An alert-level line: operators watch for these.
    this.logger.error({
      alert: 'dead-letter',
      deadLetterId: saved.id,
      consumer: entry.consumer,
      subject: entry.subject,
      messageId: entry.messageId,
      companyId: entry.companyId,
      reason: entry.reason,
      error: entry.error,
    });
    return saved;
  }

  list(query: DeadLetterQuery = {}): Promise<DeadLetter[]> {
    const qb = this.dataSource.getRepository(DeadLetter).createQueryBuilder('d').orderBy('d.created_at', 'DESC');
    if (!query.includeReplayed) qb.andWhere('d.replayed_at IS NULL');
    if (query.consumer) qb.andWhere('d.consumer = :consumer', { consumer: query.consumer });
    if (query.companyId) qb.andWhere('d.company_id = :companyId', { companyId: query.companyId });
    return qb.limit(Math.min(query.limit ?? 100, 1000)).getMany();
  }

  /** True when the message was applied (inbox row) or already kept as an open dead letter. */
  async isSettled(consumer: string, messageId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM inbox_message WHERE consumer = $1 AND message_id = $2)
           OR EXISTS (SELECT 1 FROM dead_letter WHERE consumer = $1 AND message_id = $2 AND replayed_at IS NULL) AS settled`,
      [consumer, messageId],
    )) as { settled: boolean }[];
    return row?.settled === true;
  }

  get(id: string): Promise<DeadLetter | null> {
    return this.dataSource.getRepository(DeadLetter).findOneBy({ id });
  }

  async markReplayed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE dead_letter SET replayed_at = now(), replay_attempts = replay_attempts + 1 WHERE id = $1`, [id]);
  }

  async markReplayFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE dead_letter SET replay_attempts = replay_attempts + 1, error = $2 WHERE id = $1`, [id, error]);
  }
}
