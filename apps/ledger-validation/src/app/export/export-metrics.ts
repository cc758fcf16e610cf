import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '@hub/platform';

/** Export outcomes per target, on the service's own registry (shown at /metrics). */
@Injectable()
export class ExportMetrics {
  readonly outcomes: Counter<'target' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.outcomes = new Counter({
      name: 'hub_ledger_export_total',
      help: 'Ledger export outcomes by target: exported, rate_limited, retryable, needs-a-person, terminal',
      labelNames: ['target', 'outcome'] as const,
      registers: [metrics.registry],
    });
  }
}
