import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { HealthRegistry } from '@hub/platform';
import { NatsConnectionService } from '@hub/messaging';
import { waitFor } from '@hub/testing';

jest.setTimeout(30_000);

const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => existsSync(p));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

(NATS_SERVER ? describe : describe.skip)('NATS connection of a service against a real nats-server', () => {
  let server: ChildProcess | undefined;
  let service: NatsConnectionService | undefined;

  afterEach(async () => {
    await service?.onApplicationShutdown();
    server?.kill('SIGTERM');
  });

  it('a failed first connect is not kept: once the server is up, the next call connects (and the publisher too)', async () => {
    const port = await freePort();
    service = new NatsConnectionService({ service: 'connect-retry-test', natsUrl: `nats://127.0.0.1:${port}` }, new HealthRegistry());
    await expect(service.connect()).rejects.toThrow();
    await expect(service.publisher()).rejects.toThrow();

    server = spawn(NATS_SERVER as string, ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const nc = await waitFor(() => service?.connect().catch(() => undefined), 10_000, 'a connection once nats-server is up');
    expect(nc.isClosed()).toBe(false);
    expect(nc.getServer()).toBe(`127.0.0.1:${port}`);
    // The same connection from then on, and a publisher on it.
    expect(await service.connect()).toBe(nc);
    const publisher = await service.publisher();
    expect(publisher.pending).toBe(0);
  });
});
