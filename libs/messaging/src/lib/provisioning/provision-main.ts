import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { MessagingNamespace } from '../nats/messaging-namespace';
import { provision } from './provision';

/** Entry point body for `provision.js`: applies the topology and prints what it did. */
export async function provisionMain(options: { natsUrl: string; prefix?: string; replicas?: number; services?: string[] }): Promise<void> {
  const nc = await connect({ servers: options.natsUrl.split(','), name: 'hub-provision', timeout: 5000 });
  try {
    const report = await provision(await jetstreamManager(nc), new MessagingNamespace(options.prefix ?? ''), {
      replicas: options.replicas,
      services: options.services,
    });
    for (const s of report.streams) process.stdout.write(`stream ${s.name}: ${s.action}\n`);
    for (const c of report.consumers) process.stdout.write(`consumer ${c.stream}/${c.durable}: ${c.action}\n`);
  } catch (error) {
    process.stderr.write(`provision failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await nc.close();
  }
}
