import { Body, Controller, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PlatformModule } from '../platform.module';
import { loadEnv } from '../config/load-env';
import { ServiceEnv } from '../config/service-env';
import { CompanyIdPipe } from '../http/company-id.pipe';
import { createLogger } from '../logging/logger';
import { currentContext } from '../logging/request-context';
import { parseTraceparent } from '../logging/trace-context';
import { bodyLimitBytes } from './fastify-app';
import { createServiceApp, type HttpPlatform } from './run-service';

const TOKEN_A = 'token-a-0123456789abcdef';
const ADMIN = 'admin-0123456789abcdef';

class CreateThingDto {
  @IsString()
  @MaxLength(20)
  name!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  count?: number;

  @IsOptional()
  @IsString()
  note?: string;
}

@Controller('companies/:companyId/things')
class ThingsController {
  @Post()
  create(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: CreateThingDto): Record<string, unknown> {
    const ctx = currentContext();
    return {
      companyId,
      name: body.name,
      dto: body instanceof CreateThingDto,
      noteLength: body.note?.length ?? 0,
      context: { companyId: ctx.companyId, traceId: ctx.traceId },
    };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

async function startApp(http: HttpPlatform): Promise<{ app: INestApplication; url: string }> {
  const env = loadEnv(ServiceEnv, { API_TOKENS: `${TOKEN_A}=company-a;${ADMIN}=*` });
  const logger = createLogger('http-platform-test', 'fatal');
  @Module({ imports: [PlatformModule.forRoot({ service: 'http-platform-test', env, logger }), ThingsModule] })
  class RootModule {}
  const app = await createServiceApp({ service: 'http-platform-test', description: 'test', env, logger, appModule: RootModule, http });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** The house behaviour of every service, on both HTTP servers. */
describe.each<HttpPlatform>(['express', 'fastify'])('a service on %s', (http) => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startApp(http));
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, token?: string, extra: Record<string, string> = {}): Promise<Response> =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
      body: JSON.stringify(body),
    });

  it('runs the handler with a validated DTO, in the request context (trace echoed, company from the guard)', async () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await post('/companies/company-a/things', { name: 'x', count: 2 }, TOKEN_A, { traceparent: parent });
    expect(res.status).toBe(201);
    const echoed = parseTraceparent(res.headers.get('traceparent'));
    expect(echoed?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(await res.json()).toEqual({
      companyId: 'company-a',
      name: 'x',
      dto: true,
      noteLength: 0,
      context: { companyId: 'company-a', traceId: '0af7651916cd43dd8448eb211c80319c' },
    });
  });

  it('answers 400 naming every wrong field, unknown fields included', async () => {
    const res = await post('/companies/company-a/things', { name: 42, count: 0, extra: true }, TOKEN_A);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; fields: { field: string; errors: string[] }[] };
    expect(body.message).toBe('Validation failed');
    expect(body.fields.map((f) => f.field).sort()).toEqual(['count', 'extra', 'name']);
  });

  it('answers 400 for a malformed company id and for JSON that does not parse', async () => {
    const bad = await post('/companies/bad!id/things', { name: 'x' }, ADMIN);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('companyId');
    const broken = await fetch(`${url}/companies/company-a/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN_A}` },
      body: '{"name":',
    });
    expect(broken.status).toBe(400);
  });

  it('answers 400 naming the missing fields for an empty JSON body, and refuses __proto__ keys or answers without them', async () => {
    const empty = await fetch(`${url}/companies/company-a/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN_A}` },
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['name']);
    const poisoned = await fetch(`${url}/companies/company-a/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN_A}` },
      body: '{"name":"x","__proto__":{"polluted":true}}',
    });
    // Fastify's parser refuses the key; Express's JSON.parse keeps it as an own property of the
    // body (no prototype is changed), and the handler answers without it.
    expect(poisoned.status).toBe(http === 'fastify' ? 400 : 201);
    if (poisoned.status === 201) expect(JSON.stringify(await poisoned.json())).not.toContain('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('answers 415 naming application/json for a body of another type, and still takes JSON with a charset', async () => {
    for (const [type, body] of [
      ['text/plain', 'name=x'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['application/xml', '<thing><name>x</name></thing>'],
    ] as const) {
      const res = await fetch(`${url}/companies/company-a/things`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${TOKEN_A}` },
        body,
      });
      expect(res.status).toBe(415);
      const answer = (await res.json()) as { statusCode: number; message: string };
      expect(answer.statusCode).toBe(415);
      expect(answer.message).toContain(type);
      expect(answer.message).toContain('application/json');
    }
    const untyped = await fetch(`${url}/companies/company-a/things`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN_A}` },
      body: new Uint8Array(Buffer.from('{"name":"x"}')),
    });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as { message: string }).message).toContain('without a Content-Type');
    const charset = await post('/companies/company-a/things', { name: 'x' }, TOKEN_A, { 'content-type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(201);
    // Express services also take NDJSON imports (read by their handler): not refused here.
    const ndjson = await fetch(`${url}/companies/company-a/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN_A}` },
      body: '{"name":"x"}\n',
    });
    expect(ndjson.status).toBe(http === 'express' ? 400 : 415);
  });

  it('answers 401 without a token and 403 for another company', async () => {
    expect((await post('/companies/company-a/things', { name: 'x' })).status).toBe(401);
    const other = await post('/companies/company-b/things', { name: 'x' }, TOKEN_A);
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toContain('company-b');
  });

  it('takes JSON bodies up to the configured limit (20mb), not the server default', async () => {
    expect(bodyLimitBytes('20mb')).toBe(20 * 1024 * 1024);
    const res = await post('/companies/company-a/things', { name: 'big', note: 'n'.repeat(3_000_000) }, TOKEN_A);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { noteLength: number }).noteLength).toBe(3_000_000);
  });

  it('serves health, metrics by route template, and the OpenAPI page with its assets', async () => {
    expect(await (await fetch(`${url}/health/live`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/hub_http_request_duration_seconds_count\{method="POST",route="\/companies\/:companyId\/things",status="201"\} \d+/);
    expect(metrics).toMatch(/hub_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    const page = await fetch(`${url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const assets = html.match(/(?<=(?:href|src)=")[^"]+\.(?:css|js)(?=")/g) ?? [];
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${url}/docs`)); // relative to the page
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    // The asset directory's own file, reached through `..`: never served.
    expect((await fetch(`${url}/docs/..%2Fswagger-ui-dist%2Fswagger-ui.css`)).status).toBeGreaterThanOrEqual(400);
    const doc = (await (await fetch(`${url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/companies/{companyId}/things');
  });
});
