/**
 * Everything Fastify-specific of the platform (Express is the default; see `HttpPlatform`).
 * @nestjs/platform-fastify is loaded only by the services that choose Fastify.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unsupportedBody } from '../http/body-media-type';
import { runWithContext } from '../logging/request-context';
import { childTrace, type TraceContext } from '../logging/trace-context';
import type { MetricsService } from '../metrics/metrics.service';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** `20mb`, `100kb`, `1024`: a body limit in bytes (the same notation as Express's `limit`). */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) throw new Error(`not a size: ${limit}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  return Math.floor(Number(match[1]) * factor);
}

/**
 * A Nest app on Fastify (loaded only for the services that choose it). Swagger's UI asks
 * the adapter for static assets, which Fastify serves only with @fastify/static; the UI's
 * few files (one directory, no subfolders) are served here instead.
 */
export async function createFastifyApp(
  appModule: Type<unknown>,
  options: NestApplicationOptions,
  jsonLimit: string,
): Promise<NestFastifyApplication> {
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  const adapter = new FastifyAdapter({ bodyLimit: bodyLimitBytes(jsonLimit) });
  // JSON bodies: an empty one is read as `{}` (as on Express), so the validation pipe's 400
  // names the missing fields instead of Fastify's bare "Body cannot be empty"; anything else
  // goes to Fastify's own parser (which refuses `__proto__` and `constructor.prototype`),
  // built once rather than per request as Nest's registration does.
  (adapter as unknown as { registerJsonContentParser(rawBody?: boolean): void }).registerJsonContentParser = (rawBody?: boolean): void => {
    const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = adapter.getInstance().initialConfig;
    const parse = adapter.getInstance().getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
    adapter.useBodyParser('application/json', rawBody === true, { bodyLimit }, (req, body, done) => {
      if (body.length === 0) done(null, {});
      else void parse(req, body.toString('utf8'), done);
    });
  };
  adapter.useStaticAssets = ((assets: { root: string; prefix: string }) => {
    adapter
      .getInstance()
      .get(
        `${assets.prefix}/:file`,
        async (req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
          const file = req.params.file;
          const type = CONTENT_TYPES[extname(file)];
          if (!type || file.includes('..')) return reply.code(404).send({ statusCode: 404, message: 'Not Found' });
          const body = await readFile(join(assets.root, file)).catch(() => undefined);
          if (!body) return reply.code(404).send({ statusCode: 404, message: 'Not Found' });
          return reply.type(type).header('cache-control', 'public, max-age=0').send(body);
        },
      );
    return adapter;
  }) as unknown as typeof adapter.useStaticAssets;
  return NestFactory.create<NestFastifyApplication>(appModule, adapter, options);
}

/** The request's trace, from `onRequest` to `preHandler` (Fastify). */
const TRACE = 'hubTrace';

/**
 * The same as `requestContextMiddleware` (metrics/http-metrics.middleware.ts) for a Fastify app, as hooks: the trace is
 * echoed from `onRequest` (so it is on every response, body errors included) and becomes the
 * request's context in `preHandler` — after the body is read, since the body stream's events
 * do not carry the context of the hook that started reading it — so guards, pipes and the
 * handler run in it. Route labels are Fastify's route templates (`/a/:id`, as Express's).
 */
export function registerRequestContextHooks(
  fastify: FastifyInstance,
  metrics: MetricsService | undefined,
): void {
  fastify.decorateRequest(TRACE, null);
  const traceOf = (req: FastifyRequest): TraceContext =>
    (req as unknown as Record<typeof TRACE, TraceContext>)[TRACE];
  fastify.addHook(
    'onRequest',
    (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const header = req.headers['traceparent'];
      const trace = childTrace(typeof header === 'string' ? header : undefined);
      (req as unknown as Record<typeof TRACE, TraceContext>)[TRACE] = trace;
      reply.header('traceparent', trace.traceparent);
      // Before Fastify parses anything: text/plain would otherwise reach the handler as a string.
      const refused = unsupportedBody(req.headers, ['application/json']);
      if (refused) void reply.code(415).send(refused);
      else done();
    },
  );
  fastify.addHook(
    'preHandler',
    (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      const trace = traceOf(req);
      runWithContext(
        { traceId: trace.traceId, traceparent: trace.traceparent },
        done,
      );
    },
  );
  if (metrics) {
    fastify.addHook(
      'onResponse',
      (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
        metrics.httpRequests.observe(
          {
            method: req.method,
            route: req.routeOptions.url ?? 'unmatched',
            status: String(reply.statusCode),
          },
          reply.elapsedTime / 1000,
        );
        done();
      },
    );
  }
}
