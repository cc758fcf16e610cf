import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { API_TOKENS, ApiTokenGuard } from './auth/api-token.guard';
import { ApiTokens } from './auth/api-tokens';
import type { ServiceEnv } from './config/service-env';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export const SERVICE_ENV = Symbol('SERVICE_ENV');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export interface PlatformOptions {
  service: string;
  env: ServiceEnv;
  logger: Logger;
}

/**
 * Health, metrics, auth and logging for one service. Global so feature modules can inject
 * the env, logger and metrics without re-importing.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_ENV, useValue: options.env },
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: API_TOKENS, useValue: new ApiTokens(options.env.API_TOKENS) },
        MetricsService,
        HealthRegistry,
        { provide: APP_GUARD, useClass: ApiTokenGuard },
      ],
      exports: [SERVICE_ENV, SERVICE_NAME, ROOT_LOGGER, API_TOKENS, MetricsService, HealthRegistry],
    };
  }
}
