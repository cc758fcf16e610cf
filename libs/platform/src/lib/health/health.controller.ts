import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { Public } from '../auth/api-token.guard';
import { HealthRegistry } from './health-registry';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database, NATS connection and message consumers are ready' })
  ready(): Promise<HealthCheckResult> {
    const checks = this.registry.all().map((c) => async (): Promise<HealthIndicatorResult> => {
      const indicator = this.indicators.check(c.name);
      try {
        const result = await withTimeout(c.check(), 3000);
        return result.up ? indicator.up(result.details) : indicator.down(result.details);
      } catch (error) {
        return indicator.down({ message: error instanceof Error ? error.message : String(error) });
      }
    });
    checks.push(async () => {
      const indicator = this.indicators.check('lifecycle');
      return this.registry.isShuttingDown() ? indicator.down({ message: 'shutting down' }) : indicator.up();
    });
    return this.health.check(checks);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`check timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
