import type { DataSource, EntityManager } from 'typeorm';
import { GroupCommit } from './group-commit';

/**
 * GroupCommit's scheduling (which items go together, and when). The writes here are plain
 * functions: what is written and committed against the real Postgres is covered by
 * libs/messaging-it/test/group-commit.int-spec.ts.
 */
describe('GroupCommit scheduling', () => {
  const dataSource = { manager: {} as EntityManager } as DataSource;

  function recorder(writeMs = 5): { groups: { items: number[]; at: number }[]; write: (m: EntityManager, items: readonly number[]) => Promise<number[]> } {
    const groups: { items: number[]; at: number }[] = [];
    return {
      groups,
      write: async (_m, items) => {
        groups.push({ items: [...items], at: performance.now() });
        await new Promise((r) => setTimeout(r, writeMs));
        return items.map((i) => i * 10);
      },
    };
  }

  it('writes an item on a quiet path at once, even with a gap configured', async () => {
    const r = recorder();
    const gc = new GroupCommit(dataSource, r.write, { transaction: false, maxInFlight: 1, minGapMs: 1_500 });
    const started = performance.now();
    await expect(gc.submit(1)).resolves.toBe(10);
    // Well before the gap would have passed (the margin is for a loaded machine).
    expect(r.groups[0]?.at).toBeLessThan(started + 750);
  });

  it('under load, starts the next group only after the gap, with everything that came meanwhile', async () => {
    const r = recorder(5);
    const gc = new GroupCommit(dataSource, r.write, { transaction: false, maxInFlight: 1, minGapMs: 1_500 });
    const first = gc.submit(1);
    await first;
    const ended = performance.now();
    // Arrive one by one right after the first group ended.
    const later: Promise<number>[] = [];
    for (let i = 2; i <= 6; i++) {
      later.push(gc.submit(i));
      await new Promise((res) => setTimeout(res, 5));
    }
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40, 50, 60]);
    expect(r.groups.map((g) => g.items)).toEqual([[1], [2, 3, 4, 5, 6]]);
    expect((r.groups[1]?.at ?? 0) - ended).toBeGreaterThanOrEqual(1_490);
  });

  it('without a gap, the next group starts as soon as a transaction slot is free', async () => {
    const r = recorder(5);
    const gc = new GroupCommit(dataSource, r.write, { transaction: false, maxInFlight: 1 });
    await gc.submit(1);
    const ended = performance.now();
    await gc.submit(2);
    expect((r.groups[1]?.at ?? Infinity) - ended).toBeLessThan(750);
  });

  it('a full group does not wait for the gap', async () => {
    const r = recorder(5);
    const gc = new GroupCommit(dataSource, r.write, { transaction: false, maxInFlight: 1, maxGroup: 3, minGapMs: 10_000 });
    await gc.submit(1);
    const ended = performance.now();
    await expect(Promise.all([gc.submit(2), gc.submit(3), gc.submit(4)])).resolves.toEqual([20, 30, 40]);
    expect(r.groups.map((g) => g.items)).toEqual([[1], [2, 3, 4]]);
    expect((r.groups[1]?.at ?? Infinity) - ended).toBeLessThan(750);
  });
});
