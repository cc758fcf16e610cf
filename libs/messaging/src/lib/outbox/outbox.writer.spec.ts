import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GatewayConnectionRegistered, TestkitProbeReceived } from '@hub/contracts';
import { OutboxWriter } from './outbox.writer';

/**
 * The writer's own check of the events it is given (a programming error must not reach the
 * bus). The statement itself is not the subject here: it goes to a stand-in connection that
 * records it (the outbox against real Postgres is in test/outbox.int-spec.ts).
 */
function recordingManager(): { manager: EntityManager; statements: unknown[][] } {
  const statements: unknown[][] = [];
  const client = {
    query: (config: { values: unknown[] }) => {
      statements.push(config.values);
      return Promise.resolve({ rows: [] });
    },
    release: () => undefined,
    on: () => client,
    removeListener: () => client,
  };
  const manager = {
    queryRunner: undefined,
    connection: { driver: { master: { connect: () => Promise.resolve(client) } } },
  } as unknown as EntityManager;
  return { manager, statements };
}

const business = { sql: 'SELECT 1', params: [] };

describe('OutboxWriter checks every event against its contract', () => {
  const writer = new OutboxWriter({ service: 'outbox-writer-spec' } as never);

  it('accepts a valid instance, and the row carries its payload as JSON', async () => {
    const { manager, statements } = recordingManager();
    const event = Object.assign(new TestkitProbeReceived(), { companyId: 'company-a', probeId: 'p-1', sentAt: '2026-01-15T10:00:00Z' });
    const [id] = await writer.publishAlong(manager, business, [event]);
    const rows = JSON.parse(String(statements[0]?.[0])) as { id: string; subject: string; payload: unknown }[];
    expect(rows).toEqual([expect.objectContaining({ id, subject: 'testkit.probe.received.v1', payload: { ...event } })]);
  });

  it('refuses an invalid instance with the violation, before anything is written', async () => {
    const { manager, statements } = recordingManager();
    const event = Object.assign(new TestkitProbeReceived(), { companyId: 'company-a', probeId: 'bad id!', sentAt: 'yesterday' });
    await expect(writer.publishAlong(manager, business, [event])).rejects.toThrow(
      /Refusing to publish an invalid testkit\.probe\.received\.v1: .*probeId.*sentAt/,
    );
    expect(statements).toHaveLength(0);
  });

  it('refuses unknown fields on an instance', async () => {
    const { manager } = recordingManager();
    const event = Object.assign(new TestkitProbeReceived(), { companyId: 'company-a', probeId: 'p-2', sentAt: '2026-01-15T10:00:00Z', extra: 1 });
    await expect(writer.publishAlong(manager, business, [event])).rejects.toThrow(/extra/);
  });

  it('accepts an instance whose nested objects are still plain (checked again from a plain copy)', async () => {
    const { manager, statements } = recordingManager();
    const event = Object.assign(new GatewayConnectionRegistered(), {
      companyId: 'company-a',
      registrationId: randomUUID(),
      operator: 'sandbox',
      services: [{ service: 'receive-supplier-einvoices', active: true, message: 'Registration was successful!' }],
      registeredAt: '2026-01-15T10:00:00Z',
    });
    await writer.publishAlong(manager, business, [event]);
    expect(statements).toHaveLength(1);
    const bad = Object.assign(new GatewayConnectionRegistered(), { ...event, services: [{ service: 'nope', active: 'yes', message: 'x' }] });
    await expect(writer.publishAlong(manager, business, [bad])).rejects.toThrow(/services\.0\.service.*services\.0\.active/);
  });
});
