/**
 * One bench service in its own process (forked by bus.bench.ts): `producer` or `consumer`.
 * Talks to the orchestrator over IPC: `ready` with its URL, `timings` on request.
 */
import 'reflect-metadata';
import {
  createLogger,
  createServiceApp,
  loadEnv,
  MetricsService,
} from '@hub/platform';
import { hubModule } from '@hub/service-kit';
import { connectJetStream } from '@hub/messaging';
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
  const env = loadEnv(def.env, {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const logger = createLogger(def.name, env.LOG_LEVEL);
  const app = await createServiceApp({
    service: def.name,
    description: def.description,
    env,
    logger,
    appModule: hubModule(def, env, logger) as never,
    http: def.http,
    beforeListen: (a) => connectJetStream(a),
  });
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
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
