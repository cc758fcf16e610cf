/**
 * One bench service in its own process (forked by bus.bench.ts): `producer` or `consumer`.
 * Talks to the orchestrator over IPC: `ready` with its URL, `timings` on request.
 */
import 'reflect-metadata';
import { MetricsService } from '@hub/platform';
import { startTestService } from '@hub/testing';
import {
  benchConsumer,
  benchProducer,
  consumerTimings,
} from './bench-services';
import { StallMonitor } from './stall-monitor';

type Command =
  | { type: 'timings' }
  | { type: 'stop' }
  | { type: 'metrics' }
  | { type: 'stalls' };

async function main(): Promise<void> {
  const role = process.argv[2];
  const def = role === 'producer' ? benchProducer : benchConsumer;
  // The orchestrator migrated and provisioned already; its environment (schema, prefix,
  // URLs, log level) is this service's.
  const { app, url } = await startTestService(def, {
    prefix: process.env['MESSAGING_PREFIX'] ?? '',
    schema: process.env['DATABASE_SCHEMA'] ?? '',
    fresh: false,
    env: Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    ),
  });
  const stalls = new StallMonitor();
  process.on('message', (command: Command) => {
    if (command.type === 'timings') {
      process.send?.({ type: 'timings', value: { ...consumerTimings } });
      consumerTimings.reset();
    } else if (command.type === 'metrics') {
      void app
        .get(MetricsService)
        .metrics()
        .then((text) => process.send?.({ type: 'metrics', value: text }));
    } else if (command.type === 'stalls') {
      process.send?.({ type: 'stalls', value: stalls.take() });
    } else if (command.type === 'stop') {
      stalls.stop();
      void app.close().then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench service failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
