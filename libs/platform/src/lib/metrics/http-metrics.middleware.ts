import type { NextFunction, Request, Response } from 'express';
import { runWithContext } from '../logging/request-context';
import { childTrace } from '../logging/trace-context';
import type { MetricsService } from './metrics.service';

/**
 * The first middleware of every service: a child trace of the caller's `traceparent` (echoed
 * on the response) as the request's context, and the request's duration recorded when the
 * response is finished, labelled by route template (not the raw URL: no id cardinality).
 *
 * Plain Express rather than a Nest interceptor: an interceptor costs an AsyncResource and an
 * RxJS pipe per request, which showed in the bus benchmark's profile of the write path.
 * The Fastify equivalent is `registerRequestContextHooks` (bootstrap/fastify-app.ts).
 */
export function requestContextMiddleware(metrics: MetricsService | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const trace = childTrace(req.header('traceparent'));
    res.setHeader('traceparent', trace.traceparent);
    if (metrics) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const route =
          (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.httpRequests.observe(
          { method: req.method, route, status: String(res.statusCode) },
          seconds,
        );
      });
    }
    runWithContext(
      { traceId: trace.traceId, traceparent: trace.traceparent },
      next,
    );
  };
}
