import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { ServiceEnv } from '../config/service-env';
import { installFastAsyncResourceBind } from './async-resource-bind';
import { installValidationMetadataCache } from './validation-metadata-cache';
import { createFastifyApp, registerRequestContextHooks } from './fastify-app';
import { HealthRegistry } from '../health/health-registry';
import { unsupportedBody } from '../http/body-media-type';
import { createValidationPipe } from '../http/validation';
import { PinoNestLogger } from '../logging/logger';
import { requestContextMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';

/** Request bodies an Express service takes (see `unsupportedBody`); a Fastify service takes JSON. */
const EXPRESS_BODY_TYPES = ['application/json', 'application/x-ndjson', 'multipart/form-data'] as const;

/**
 * The HTTP server under Nest. Express by default; Fastify costs less CPU per request (see the
 * bus benchmark) for services whose controllers use only Nest's own decorators — not
 * `@Req()`/`@Res()` with Express's API, nor Express middleware such as multer.
 */
export type HttpPlatform = 'express' | 'fastify';

export interface RunServiceOptions {
  service: string;
  description: string;
  env: ServiceEnv;
  logger: Logger;
  appModule: Type<unknown>;
  /** Default `express`. */
  http?: HttpPlatform;
  /** Wires transports (e.g. the JetStream server) before the app starts listening. */
  beforeListen?: (app: INestApplication) => Promise<void> | void;
}

/** The service's metrics, when its module includes the platform (every hub service does). */
function optionalMetrics(app: INestApplication): MetricsService | undefined {
  try {
    return app.get(MetricsService, { strict: false });
  } catch {
    return undefined;
  }
}

/** Builds the Nest app with the house defaults; does not listen. Used by main.ts and tests. */
export async function createServiceApp(options: RunServiceOptions): Promise<INestApplication> {
  // Fastify binds an AsyncResource per request; Node 20's bind is needlessly slow (see there).
  installFastAsyncResourceBind();
  // class-validator looks up a class's metadata against every decorated class per validation.
  installValidationMetadataCache();
  const nestOptions = {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    forceCloseConnections: true,
  };
  // Express's 100 kB default is too small for bulk imports and inline documents; uploads use multipart.
  const jsonLimit = process.env['HTTP_JSON_LIMIT'] ?? '20mb';
  let app: INestApplication;
  if (options.http === 'fastify') {
    const fastifyApp = await createFastifyApp(options.appModule, nestOptions, jsonLimit);
    registerRequestContextHooks(fastifyApp.getHttpAdapter().getInstance(), optionalMetrics(fastifyApp));
    app = fastifyApp;
  } else {
    const expressApp = await NestFactory.create<NestExpressApplication>(options.appModule, nestOptions);
    expressApp.use(requestContextMiddleware(optionalMetrics(expressApp)));
    // Runs before the body parsers (Nest adds them at init). The media types the Express
    // services' routes take: JSON, NDJSON bulk imports, multipart uploads.
    expressApp.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      const refused = unsupportedBody(req.headers, EXPRESS_BODY_TYPES);
      if (!refused) return next();
      res.statusCode = 415;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(refused));
    });
    expressApp.useBodyParser('json', { limit: jsonLimit });
    app = expressApp;
  }
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.service).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await options.beforeListen?.(app);
  return app;
}

/**
 * Starts a service: HTTP, transports, graceful shutdown on SIGTERM/SIGINT. On a signal,
 * readiness turns red first, then Nest closes transports (consumers stop, in-flight
 * handlers finish), drains NATS and closes the database. A watchdog ends the process if
 * shutdown hangs: unacknowledged messages are redelivered, uncommitted work rolls back.
 */
export async function runService(options: RunServiceOptions): Promise<INestApplication> {
  const app = await createServiceApp(options);
  const health = app.get(HealthRegistry);
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    options.logger.info({ signal }, 'shutting down');
    health.markShuttingDown();
    const watchdog = setTimeout(() => {
      options.logger.error({ timeoutMs: options.env.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
      process.exit(1);
    }, options.env.SHUTDOWN_TIMEOUT_MS);
    watchdog.unref();
    app
      .close()
      .then(() => {
        options.logger.info('stopped');
        options.logger.flush?.();
        process.exit(0);
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  // `on`, not `once`: a second signal (e.g. from both a supervisor and the process group)
  // must not fall back to the default action and kill the process mid-drain.
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.startAllMicroservices();
  await app.listen(options.env.PORT, options.env.HOST);
  const url = await app.getUrl();
  options.logger.info({ url: url.replace('[::1]', 'localhost'), docs: `${url}/docs` }, `${options.service} listening`);
  return app;
}
