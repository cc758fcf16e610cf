// docker/compose.yaml and every plain YAML file under docker/ parse, and the compose file
// wires the six services to NATS, Postgres and their migrate jobs as the env contract says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const DOCKER = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVICES = {
  'operator-gateway': 3101,
  'master-data-sync': 3102,
  'invoice-inbox': 3103,
  'receiver-registry': 3104,
  'ledger-validation': 3105,
  'accounting-export': 3106,
};
const NEEDS_CREDENTIALS_KEY = new Set([
  'operator-gateway',
  'ledger-validation',
  'accounting-export',
]);

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'templates' ? [] : yamlFiles(p); // Helm templates are not YAML until rendered
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

const parse = (file) => {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), {
    merge: true,
    uniqueKeys: true,
  });
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
  return doc.toJS({ maxAliasCount: 1000 });
};

const compose = parse(path.join(DOCKER, 'compose.yaml'));
const services = compose.services ?? {};
const isJob = (svc) => svc.restart === 'no';
const envOf = (svc) =>
  Array.isArray(svc.environment)
    ? Object.fromEntries(
        svc.environment.map((e) => e.split(/=(.*)/s).slice(0, 2)),
      )
    : (svc.environment ?? {});
/** Compose's ${VAR:-default} resolved with an empty environment. */
const interpolate = (v) =>
  String(v).replace(
    /\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g,
    (_, _n, d) => d ?? '',
  );

test('every plain YAML file under docker/ parses', () => {
  const files = yamlFiles(DOCKER);
  assert.ok(
    files.some((f) => f.endsWith('compose.yaml')),
    'compose.yaml found',
  );
  assert.ok(
    files.some((f) => f.endsWith(path.join('hub', 'values.yaml'))),
    'helm values.yaml found',
  );
  for (const f of files) assert.doesNotThrow(() => parse(f), f);
});

test('compose ${...} interpolations are well formed', () => {
  const text = fs.readFileSync(path.join(DOCKER, 'compose.yaml'), 'utf8');
  const bad = [...text.matchAll(/\$\{[^}]*\}/g)]
    .map((m) => m[0])
    .filter((m) => !/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/.test(m));
  assert.deepEqual(bad, []);
  // A lone $ would be interpolated by compose: require $$ or ${...}.
  assert.deepEqual(
    text
      .split('\n')
      .filter((l) => /(^|[^$])\$(?![{$])/.test(l.replace(/#.*/, ''))),
    [],
  );
});

test('every compose service has an image or a build, and long-running ones have ports and a healthcheck', () => {
  assert.ok(
    Object.keys(services).length >= 14,
    'nats, postgres, six services and six migrate jobs',
  );
  for (const [name, svc] of Object.entries(services)) {
    assert.ok(svc.image || svc.build, `${name}: image or build`);
    if (isJob(svc)) continue;
    assert.ok(
      Array.isArray(svc.ports) && svc.ports.length > 0,
      `${name}: ports`,
    );
    assert.ok(svc.healthcheck?.test, `${name}: healthcheck`);
    assert.notEqual(
      svc.healthcheck.disable,
      true,
      `${name}: healthcheck not disabled`,
    );
  }
});

test('every depends_on names a service, with a condition that fits it', () => {
  for (const [name, svc] of Object.entries(services)) {
    const deps = Array.isArray(svc.depends_on)
      ? Object.fromEntries(svc.depends_on.map((d) => [d, {}]))
      : (svc.depends_on ?? {});
    for (const [dep, spec] of Object.entries(deps)) {
      assert.ok(services[dep], `${name} depends on unknown ${dep}`);
      const expected = isJob(services[dep])
        ? 'service_completed_successfully'
        : 'service_healthy';
      assert.equal(spec.condition, expected, `${name} -> ${dep}`);
    }
  }
});

test('NATS runs with JetStream on a volume, Postgres 16 with user and database hub', () => {
  const nats = services.nats;
  assert.match(nats.image, /^nats:2\.10/);
  const args = [].concat(nats.command ?? []).join(' ');
  assert.match(args, /(^|\s)-js(\s|$)/);
  assert.match(args, /-sd \/data/);
  assert.ok(
    (nats.volumes ?? []).some((v) => String(v).endsWith(':/data')),
    'nats /data volume',
  );
  assert.match(JSON.stringify(nats.healthcheck.test), /js-enabled-only=true/);
  const pg = services.postgres;
  assert.equal(pg.image, 'postgres:16');
  assert.deepEqual(
    [
      envOf(pg).POSTGRES_USER,
      envOf(pg).POSTGRES_PASSWORD,
      envOf(pg).POSTGRES_DB,
    ],
    ['hub', 'hub', 'hub'],
  );
  assert.match(JSON.stringify(pg.healthcheck.test), /pg_isready/);
});

for (const [name, port] of Object.entries(SERVICES)) {
  test(`${name}: built from docker/Dockerfile, env contract, port ${port}, migrate job first`, () => {
    const svc = services[name];
    assert.ok(svc, `${name} is in compose`);
    assert.equal(svc.build?.dockerfile, 'docker/Dockerfile');
    assert.equal(
      path.resolve(DOCKER, svc.build.context),
      path.resolve(DOCKER, '..'),
      'context is the repo root',
    );
    assert.equal(svc.build.args?.SERVICE, name);
    assert.ok(
      svc.ports.map(interpolate).some((p) => p.endsWith(`:${port}`)),
      `publishes ${port}`,
    );
    const env = envOf(svc);
    assert.equal(String(env.PORT), String(port));
    assert.match(
      interpolate(env.DATABASE_URL),
      /^postgres:\/\/hub:hub@postgres:5432\/hub$/,
    );
    assert.equal(interpolate(env.NATS_URL), 'nats://nats:4222');
    assert.match(
      interpolate(env.API_TOKENS),
      /^[^=;]+=[^;]+(;[^=;]+=[^;]+)*$/,
      'API_TOKENS has token=companies',
    );
    if (NEEDS_CREDENTIALS_KEY.has(name)) {
      assert.equal(
        Buffer.from(interpolate(env.CREDENTIALS_KEY), 'base64').length,
        32,
        'CREDENTIALS_KEY is 32 bytes',
      );
    } else {
      assert.equal(
        env.CREDENTIALS_KEY,
        undefined,
        'only services that encrypt credentials get the key',
      );
    }
    assert.match(
      JSON.stringify(svc.healthcheck.test),
      /\/health\/(live|ready)/,
    );

    const job = services[`${name}-migrate`];
    assert.ok(job, `${name}-migrate job exists`);
    assert.ok(isJob(job), 'the migrate job does not restart');
    assert.equal(job.image, svc.image, 'the job runs the service image');
    assert.match(
      [].concat(job.command).join(' '),
      /node migrate\.js && node provision\.js/,
    );
    assert.equal(envOf(job).DATABASE_URL, env.DATABASE_URL);
    assert.equal(envOf(job).NATS_URL, env.NATS_URL);
    assert.equal(
      svc.depends_on?.[`${name}-migrate`]?.condition,
      'service_completed_successfully',
    );
    for (const dep of ['nats', 'postgres']) {
      assert.equal(
        job.depends_on?.[dep]?.condition,
        'service_healthy',
        `job waits for ${dep}`,
      );
    }
  });
}
