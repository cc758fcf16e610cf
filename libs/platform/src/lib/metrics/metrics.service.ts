import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus registry and the metrics the shared libs record. One registry
 * per service instance (not the global one) so tests can run several services in a process.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly handlerOutcomes = new Counter({
    name: 'hub_message_handler_total',
    help: 'Message handler outcomes by consumer, subject and outcome (ack, duplicate, retry, dead_letter)',
    labelNames: ['consumer', 'subject', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly handlerDuration = new Histogram({
    name: 'hub_message_handler_duration_seconds',
    help: 'Message handler duration including its transaction',
    labelNames: ['consumer', 'subject'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly outboxPending = new Gauge({
    name: 'hub_outbox_pending',
    help: 'Outbox rows not yet published',
    registers: [this.registry],
  });

  readonly outboxLag = new Gauge({
    name: 'hub_outbox_lag_seconds',
    help: 'Age of the oldest unpublished outbox row',
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'hub_outbox_published_total',
    help: 'Outbox rows published to JetStream',
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'hub_dead_letters_total',
    help: 'Messages recorded as dead letters',
    labelNames: ['consumer', 'subject', 'reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
