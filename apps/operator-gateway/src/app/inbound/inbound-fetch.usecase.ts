import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@hub/platform';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import type { AttentionView, ConnectionErrorView, FetchRunView, InboundReceiptView } from './inbound.dto';
import { type DocumentOutcome, InboundDeliveryService } from './inbound-delivery.service';

export interface FetchRun {
  connections: number;
  outcomes: DocumentOutcome[];
  errors: ConnectionErrorView[];
}

/**
 * Runs inbound delivery over the registered connections: on an interval
 * (INBOUND_POLL_INTERVAL_MS; 0 turns it off) and on demand. Runs never overlap in one
 * process; across replicas the receipts keep each document to one event.
 */
@Injectable()
export class InboundFetchUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboundFetch');
  private timer?: NodeJS.Timeout;
  private running: Promise<FetchRun> | undefined;
  private stopped = false;

  constructor(
    private readonly delivery: InboundDeliveryService,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_ENV) private readonly env: OperatorGatewayEnv,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.env.INBOUND_POLL_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      if (this.running || this.stopped) return;
      this.fetchAll().then(
        (run) => {
          if (run.outcomes.length > 0 || run.errors.length > 0) {
            this.logger.log(`inbound poll: ${run.connections} connections, ${run.outcomes.length} documents, ${run.errors.length} errors`);
          }
        },
        (error: unknown) => this.logger.error(`inbound poll failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Every connection (the poll job, and the admin trigger). */
  fetchAll(): Promise<FetchRun> {
    return this.serialised(() => this.run(undefined));
  }

  /** The connections of one company; what it is told is only about its own documents. */
  async fetchForCompany(companyId: string): Promise<FetchRunView> {
    const run = await this.serialised(() => this.run(companyId));
    const own = run.outcomes.filter((o) => o.companyId === companyId);
    return { connections: run.connections, documents: own, otherDocuments: run.outcomes.length - own.length, errors: run.errors };
  }

  async receipts(companyId: string, limit = 100): Promise<InboundReceiptView[]> {
    const rows: { operator: string; operator_document_id: string; kind: string; receiver_endpoint_id: string; event_id: string; received_at: Date; recorded_at: Date; acked_at: Date | null; deliveries: number }[] =
      await this.dataSource.query(
        `SELECT operator, operator_document_id, kind, receiver_endpoint_id, event_id, received_at, recorded_at, acked_at, deliveries
           FROM inbound_receipt WHERE company_id = $1 ORDER BY recorded_at DESC LIMIT $2`,
        [companyId, limit],
      );
    return rows.map((r) => ({
      operator: r.operator,
      operatorDocumentId: r.operator_document_id,
      kind: r.kind,
      receiverEndpointId: r.receiver_endpoint_id,
      eventId: r.event_id,
      receivedAt: r.received_at.toISOString(),
      recordedAt: r.recorded_at.toISOString(),
      ackedAt: r.acked_at?.toISOString() ?? null,
      deliveries: r.deliveries,
    }));
  }

  /** Open needs-attention documents: of one company, or (admin) all, including unknown receivers. */
  async attention(companyId?: string, limit = 200): Promise<AttentionView[]> {
    const rows: { operator: string; operator_document_id: string; company_id: string | null; kind: string; receiver_endpoint_id: string; receiver_scheme: string | null; reason: string; message: string; first_seen_at: Date; last_seen_at: Date; attempts: number }[] =
      await this.dataSource.query(
        `SELECT operator, operator_document_id, company_id, kind, receiver_endpoint_id, receiver_scheme, reason, message, first_seen_at, last_seen_at, attempts
           FROM inbound_attention WHERE resolved_at IS NULL AND ($1::text IS NULL OR company_id = $1)
          ORDER BY last_seen_at DESC LIMIT $2`,
        [companyId ?? null, limit],
      );
    return rows.map((r) => ({
      operator: r.operator,
      operatorDocumentId: r.operator_document_id,
      companyId: r.company_id,
      kind: r.kind,
      receiverEndpointId: r.receiver_endpoint_id,
      receiverScheme: r.receiver_scheme,
      reason: r.reason,
      message: r.message,
      firstSeenAt: r.first_seen_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      attempts: r.attempts,
    }));
  }

  /** One run at a time: a trigger during a run waits for it, then runs (it may have missed new documents). */
  private async serialised(work: () => Promise<FetchRun>): Promise<FetchRun> {
    while (this.running) await this.running.catch(() => undefined);
    const current = work();
    this.running = current;
    try {
      return await current;
    } finally {
      if (this.running === current) this.running = undefined;
    }
  }

  private async run(companyId: string | undefined): Promise<FetchRun> {
    const connections = await this.delivery.connections(companyId);
    const outcomes: DocumentOutcome[] = [];
    const errors: ConnectionErrorView[] = [];
    for (const connection of connections) {
      try {
        outcomes.push(...(await this.delivery.fetchFor(connection)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`inbound fetch for ${connection.companyId} at ${connection.operator} failed: ${message}`);
        errors.push({ ...connection, message });
      }
    }
    return { connections: connections.length, outcomes, errors };
  }
}
