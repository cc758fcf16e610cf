import { FakeHttpServer } from './fake-http-server';
import { uniqueName } from './test-infra';

describe('FakeHttpServer', () => {
  const fake = new FakeHttpServer()
    .route('POST', '/api/things', (req) => ({ status: 201, body: { got: JSON.parse(req.body) as unknown } }))
    .route('GET', '/slow', () => ({ status: 200, body: 'late', delayMs: 200 }));

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('answers by route over real HTTP on loopback and records the request', async () => {
    const res = await fetch(`${fake.url}/api/things?x=1`, { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'x-key': 'k' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ got: { a: 1 } });
    const recorded = fake.requests.at(-1);
    expect(recorded?.query.get('x')).toBe('1');
    expect(recorded?.headers['x-key']).toBe('k');
  });

  it('answers 404 for unknown routes and can delay answers', async () => {
    expect((await fetch(`${fake.url}/nope`)).status).toBe(404);
    await expect(fetch(`${fake.url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });

  it('makes names that are unique, lower-case and SQL-safe', () => {
    const a = uniqueName('My Test');
    expect(a).toMatch(/^t[a-z0-9]+_my_test$/);
    expect(uniqueName()).not.toBe(uniqueName());
  });
});
