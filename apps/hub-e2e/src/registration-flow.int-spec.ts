import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { TEST_NATS_URL, TEST_TOKENS, assertInfra, dropSchema, dropStreams, uniqueName, waitFor } from '@hub/testing';
import { portFor, runJob, type ServiceProcess, serviceEnv, startService } from './service-process';

const SERVICES = ['operator-gateway', 'receiver-registry', 'master-data-sync'] as const;
const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };

/**
 * The first real flow, through the built services as separate processes: a company
 * stores its operator key and registers e-services; the gateway publishes
 * `gateway.connection.registered.v1` through its outbox; receiver-registry and
 * master-data-sync record the connection.
 */
describe('e-services registration across operator-gateway, receiver-registry and master-data-sync', () => {
  const prefix = uniqueName();
  const running: Record<string, ServiceProcess> = {};
  const envs: Record<string, NodeJS.ProcessEnv> = {};

  beforeAll(async () => {
    await assertInfra();
    let i = 0;
    for (const name of SERVICES) {
      envs[name] = serviceEnv(name, prefix, portFor(i++), { SANDBOX_OPERATOR_KEYS: 'sandbox-demo-key,other-key' });
      runJob(name, 'migrate', envs[name]);
      runJob(name, 'provision', envs[name]);
    }
    for (const name of SERVICES) running[name] = await startService(name, envs[name] as NodeJS.ProcessEnv);
  }, 120_000);

  afterAll(async () => {
    for (const s of Object.values(running)) await s.stop('SIGKILL');
    for (const name of SERVICES) await dropSchema(`${prefix}_${name.replace(/-/g, '_')}`);
    await dropStreams(prefix);
  });

  const gw = (): string => running['operator-gateway']?.url ?? '';

  it('stores the key encrypted and reads it back masked', async () => {
    const put = await fetch(`${gw()}/companies/company-a/operators/sandbox/key`, {
      method: 'PUT',
      headers: A,
      body: JSON.stringify({ key: 'sandbox-demo-key' }),
    });
    expect(put.status).toBe(200);
    const read = (await (await fetch(`${gw()}/companies/company-a/operators/sandbox/key`, { headers: A })).json()) as { key: string };
    expect(read.key).toBe('************-key');
    expect(read.key).not.toContain('sandbox-demo');
  });

  it('registers, and the other services record the company as connected', async () => {
    const res = await fetch(`${gw()}/companies/company-a/registrations`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ services: ['receive-supplier-einvoices'], operators: ['sandbox'] }),
    });
    expect(res.status).toBe(201);
    const results = (await res.json()) as { active: boolean; systemMessage: string; requestedAt: string }[];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ active: true, systemMessage: 'Registration was successful!' });
    expect(Date.parse(results[0]?.requestedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const listed = (await (await fetch(`${gw()}/companies/company-a/registrations`, { headers: A })).json()) as unknown[];
    expect(listed).toEqual(results.map((r) => expect.objectContaining(r)));

    for (const name of ['receiver-registry', 'master-data-sync'] as const) {
      const connections = await waitFor(async () => {
        const r = await fetch(`${running[name]?.url}/companies/company-a/connections`, { headers: A });
        const body = (await r.json()) as { operator: string; connected: boolean }[];
        return body.length > 0 ? body : undefined;
      }, 15_000, `${name} to record the connection`);
      expect(connections).toEqual([expect.objectContaining({ companyId: 'company-a', operator: 'sandbox', connected: true })]);
    }
  });

  it('records the operator error for a wrong key, with the service inactive', async () => {
    await fetch(`${gw()}/companies/company-a/operators/sandbox/key`, { method: 'PUT', headers: A, body: JSON.stringify({ key: 'wrong-key-not-issued' }) });
    const res = await fetch(`${gw()}/companies/company-a/registrations`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ services: ['receive-supplier-einvoices'], operators: ['sandbox'] }),
    });
    const [result] = (await res.json()) as { active: boolean; systemMessage: string }[];
    expect(result?.active).toBe(false);
    expect(result?.systemMessage).toMatch(/key is not valid/);
    const connections = await waitFor(async () => {
      const r = await fetch(`${running['receiver-registry']?.url}/companies/company-a/connections`, { headers: A });
      const body = (await r.json()) as { connected: boolean }[];
      return body[0]?.connected === false ? body : undefined;
    }, 15_000, 'receiver-registry to record the disconnection');
    expect(connections).toHaveLength(1);
  });

  it('delivering the same event twice changes nothing', async () => {
    const url = `${running['receiver-registry']?.url}/companies/company-b/connections`;
    const B = { authorization: `Bearer ${TEST_TOKENS.companyB}` };
    const event = {
      companyId: 'company-b',
      registrationId: '6f1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f60',
      operator: 'sandbox',
      services: [{ service: 'receive-supplier-einvoices', active: true, message: 'Registration was successful!' }],
      registeredAt: '2026-01-02T03:04:05.000Z',
    };
    const nc = await connect({ servers: TEST_NATS_URL });
    const js = jetstream(nc);
    const publish = async (msgId: string): Promise<void> => {
      const h = headers();
      h.set('Hub-Company-Id', 'company-b');
      await js.publish(`${prefix}.gateway.connection.registered.v1`, JSON.stringify(event), { msgID: msgId, headers: h });
    };
    await publish('dup-1');
    const first = await waitFor(async () => {
      const body = (await (await fetch(url, { headers: B })).json()) as { recordedAt: string }[];
      return body.length ? body : undefined;
    }, 15_000, 'first delivery');
    // Same id again (a producer retry) and the same event under a new id (a replayed stream).
    await publish('dup-1');
    await publish('dup-2');
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await (await fetch(url, { headers: B })).json()) as unknown[];
    expect(after).toEqual(first);
    await nc.close();
  });

  it('refuses a token for another company (403) and a malformed body (400 with field errors)', async () => {
    const forbidden = await fetch(`${gw()}/companies/company-b/registrations`, { headers: A });
    expect(forbidden.status).toBe(403);
    const noToken = await fetch(`${gw()}/companies/company-a/registrations`);
    expect(noToken.status).toBe(401);
    const bad = await fetch(`${gw()}/companies/company-a/registrations`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ services: ['nonsense'], operators: [], extra: true }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(['extra', 'operators', 'services']);
  });

  it('serves metrics, OpenAPI and readiness', async () => {
    const metrics = await (await fetch(`${running['receiver-registry']?.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_message_handler_total\{[^}]*outcome="ack"[^}]*\} [1-9]/);
    expect(metrics).toContain('hub_outbox_lag_seconds');
    const docs = (await (await fetch(`${gw()}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/companies/{companyId}/registrations');
    const ready = (await (await fetch(`${gw()}/health/ready`)).json()) as { status: string; info: Record<string, unknown> };
    expect(ready.status).toBe('ok');
    expect(Object.keys(ready.info).sort()).toEqual(['consumers', 'database', 'lifecycle', 'nats']);
  });

  it('shuts down gracefully on SIGTERM, even when the signal arrives twice', async () => {
    const registry = running['receiver-registry'];
    registry?.child.kill('SIGTERM');
    const code = await registry?.stop('SIGTERM');
    expect(code).toBe(0);
    expect(registry?.output.join('')).toContain('consumers stopped, in-flight handlers finished');
  });
});

describe('configuration', () => {
  it('exits with a clear message naming the missing variable', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../../dist/apps/operator-gateway/main.js')], {
      env: { PATH: process.env['PATH'], CREDENTIALS_KEY: 'not-base64!' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('API_TOKENS is missing');
    expect(result.stderr).toContain('CREDENTIALS_KEY has an invalid value');
    expect(result.stderr).not.toContain('not-base64!');
  });
});
