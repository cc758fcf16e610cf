import { Injectable } from '@nestjs/common';

export interface ReadinessResult {
  up: boolean;
  details?: Record<string, unknown>;
}

/** A dependency the service needs before it should receive traffic. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

/**
 * Libraries register their readiness checks here (database, NATS, consumers bound) so the
 * platform's health controller needs no knowledge of them.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  /** Once set, readiness fails so the load balancer stops sending work while we drain. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
