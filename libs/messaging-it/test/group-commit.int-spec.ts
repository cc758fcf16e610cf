import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import { SendProbeUseCase, type ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  COMPANY,
  prepareProbe,
  probeRun,
  startProbe,
} from './support';

jest.setTimeout(90_000);

/**
 * Group commit on the write side (`GroupCommit` from @hub/persistence, used by the probe's
 * HTTP write): concurrent writes share one transaction, each caller still gets its own
 * result or error, and every event is published and applied once.
 */
describe('write-side group commit (business row + outbox row)', () => {
  const run = probeRun(uniqueName('gcommit'), uniqueName('gcommit'));
  let svc: TestService<ProbeEnv> | undefined;

  beforeAll(async () => {
    await assertInfra();
    await prepareProbe(run);
    svc = await startProbe(run);
  });

  afterAll(async () => {
    await svc?.close();
    await dropStreams(run.prefix);
    await dropSchema(run.schema);
  });

  async function notes(
    prefix: string,
  ): Promise<{ probe_id: string; tx: string }[]> {
    return queryTest<{ probe_id: string; tx: string }>(
      `SELECT probe_id, xmin::text AS tx FROM "${run.schema}".probe_note WHERE probe_id LIKE $1`,
      [`${prefix}-%`],
    );
  }

  it('concurrent writes share transactions; each gets its own message id; every event is applied once', async () => {
    const send = svc!.app.get(SendProbeUseCase);
    const prefix = `group-${randomUUID()}`;
    const n = 60;
    const ids = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        send.execute(COMPANY, { probeId: `${prefix}-${i}` }),
      ),
    );
    expect(new Set(ids).size).toBe(n);
    const rows = await notes(prefix);
    expect(rows).toHaveLength(n);
    // Fewer transactions than writes: they were grouped (2 in flight at most, then groups).
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(n / 4);
    const outbox = await queryTest<{ id: string; probe_id: string }>(
      `SELECT id::text, payload->>'probeId' AS probe_id FROM "${run.schema}".outbox_message WHERE payload->>'probeId' LIKE $1`,
      [`${prefix}-%`],
    );
    expect(outbox.map((o) => o.id).sort()).toEqual([...ids].sort());
    for (let i = 0; i < n; i += 15) {
      await waitFor(
        async () => (await appliedRows(run, `${prefix}-${i}`)).length === 1,
        15_000,
        `probe ${i} applied`,
      );
    }
  });

  it('a write that fails breaks only its own request: the rest of its group commits', async () => {
    const send = svc!.app.get(SendProbeUseCase);
    const prefix = `bad-${randomUUID()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 21 }, (_, i) =>
        send.execute(COMPANY, {
          probeId: `${prefix}-${i}`,
          // The event contract refuses this: its outbox write throws inside the group's transaction.
          ...(i === 10 ? { sentAt: 'not-a-date' } : {}),
        }),
      ),
    );
    const rejected = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ i, reason: String(r.reason) }] : [],
    );
    expect(rejected).toEqual([
      {
        i: 10,
        reason: expect.stringMatching(
          /Refusing to publish an invalid testkit\.probe\.received\.v1/,
        ),
      },
    ]);
    const rows = await notes(prefix);
    expect(rows.map((r) => r.probe_id).sort()).toEqual(
      Array.from({ length: 21 }, (_, i) => `${prefix}-${i}`)
        .filter((_, i) => i !== 10)
        .sort(),
    );
  });
});
