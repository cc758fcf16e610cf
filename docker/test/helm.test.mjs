// docker/helm/hub: static checks of the templates against values.yaml, then the chart rendered
// by tools/infra/helm-template (no helm binary here) and the manifests checked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { renderChart } from '../../tools/infra/helm-template/chart.mjs';

const DOCKER = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHART = path.join(DOCKER, 'helm', 'hub');
const TEMPLATES = path.join(CHART, 'templates');
const values = YAML.parse(
  fs.readFileSync(path.join(CHART, 'values.yaml'), 'utf8'),
);
const SERVICES = {
  'operator-gateway': 3101,
  'master-data-sync': 3102,
  'invoice-inbox': 3103,
  'receiver-registry': 3104,
  'ledger-validation': 3105,
  'accounting-export': 3106,
};
const templateFiles = fs
  .readdirSync(TEMPLATES)
  .filter((f) => /\.(ya?ml|tpl|txt)$/.test(f));
const source = (f) => fs.readFileSync(path.join(TEMPLATES, f), 'utf8');
const actions = (text) =>
  [...text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)]
    .map((m) => m[1])
    .filter((a) => !a.startsWith('/*'));

test('template braces and blocks balance in every template file', () => {
  for (const f of templateFiles) {
    const text = source(f);
    const opens = text.split('{{').length - 1;
    const closes = text.split('}}').length - 1;
    assert.equal(opens, closes, `${f}: {{ vs }}`);
    let depth = 0;
    for (const a of actions(text)) {
      if (/^(if|range|with|define|block)\b/.test(a)) depth++;
      if (/^end\b/.test(a)) depth--;
      assert.ok(depth >= 0, `${f}: {{ end }} without a block`);
    }
    assert.equal(depth, 0, `${f}: unclosed block`);
  }
});

test('every .Values path used in the templates exists in values.yaml', () => {
  const missing = [];
  let seen = 0;
  for (const f of templateFiles) {
    for (const a of actions(source(f))) {
      for (const m of a.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        seen++;
        let node = values;
        for (const key of m[1].slice(1).split('.')) {
          if (
            node === null ||
            typeof node !== 'object' ||
            !Object.prototype.hasOwnProperty.call(node, key)
          ) {
            missing.push(`${f}: .Values${m[1]}`);
            break;
          }
          node = node[key];
        }
      }
    }
  }
  assert.ok(seen > 30, `found ${seen} .Values references`);
  assert.deepEqual([...new Set(missing)], []);
});

test('values.yaml lists the six services with their contract ports', () => {
  assert.deepEqual(
    Object.keys(values.services).sort(),
    Object.keys(SERVICES).sort(),
  );
  for (const [name, port] of Object.entries(SERVICES))
    assert.equal(values.services[name].port, port, name);
  assert.equal(values.services['operator-gateway'].credentialsKey, true);
  assert.equal(values.services['accounting-export'].credentialsKey, true);
});

const trialSecrets = {
  secrets: {
    apiTokens: 'admintoken=*',
    credentialsKey: Buffer.alloc(32, 7).toString('base64'),
  },
};
const render = (extra = trialSecrets, opts = {}) =>
  renderChart(CHART, {
    values: extra,
    release: 'hub',
    namespace: 'einvoice',
    ...opts,
  });
const manifests = (rendered) =>
  rendered.flatMap((r) => r.docs.map((d) => ({ ...d, template: r.template })));
const find = (docs, kind, name) =>
  docs.find((d) => d.kind === kind && d.metadata?.name === name);
const envNames = (container) => (container.env ?? []).map((e) => e.name);

test('default values render; every manifest has apiVersion, kind and a DNS-safe unique name', () => {
  const docs = manifests(render());
  assert.ok(docs.length >= 6 * 5 + 6, `${docs.length} manifests`);
  const seen = new Set();
  for (const d of docs) {
    assert.ok(d.apiVersion && d.kind, `${d.template}: apiVersion and kind`);
    assert.match(
      d.metadata?.name ?? '',
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      `${d.kind} name`,
    );
    const key = `${d.kind}/${d.metadata.name}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
});

for (const [name, port] of Object.entries(SERVICES)) {
  test(`${name}: Deployment, Service, ServiceAccount, PDB and migrate hook Job`, () => {
    const docs = manifests(render());
    const full = `hub-${name}`;
    const dep = find(docs, 'Deployment', full);
    assert.ok(dep, 'Deployment');
    assert.ok(find(docs, 'ServiceAccount', full), 'ServiceAccount');
    const svc = find(docs, 'Service', full);
    assert.equal(svc?.spec.ports[0].port, port);
    const pdb = find(docs, 'PodDisruptionBudget', full);
    assert.ok(pdb, 'PodDisruptionBudget');

    const pod = dep.spec.template;
    for (const [k, v] of Object.entries(dep.spec.selector.matchLabels)) {
      assert.equal(pod.metadata.labels[k], v, `pod label ${k}`);
      assert.equal(svc.spec.selector[k], v, `service selector ${k}`);
      assert.equal(pdb.spec.selector.matchLabels[k], v, `pdb selector ${k}`);
    }
    assert.equal(dep.spec.replicas, values.services[name].replicas);
    assert.equal(pod.spec.serviceAccountName, full);
    assert.equal(pod.spec.terminationGracePeriodSeconds, 30);
    const c = pod.spec.containers[0];
    assert.equal(c.image, `einvoice-hub/${name}:0.1.0`);
    assert.equal(c.ports[0].containerPort, port);
    assert.equal(c.livenessProbe.httpGet.path, '/health/live');
    assert.equal(c.readinessProbe.httpGet.path, '/health/ready');
    assert.deepEqual(c.lifecycle.preStop.exec.command.slice(0, 1), ['sleep']);
    assert.ok(
      Number(c.lifecycle.preStop.exec.command[1]) > 0 &&
        Number(c.lifecycle.preStop.exec.command[1]) < 30,
    );
    assert.ok(c.resources?.requests && c.resources?.limits, 'resources');
    const env = envNames(c);
    for (const v of [
      'PORT',
      'HOST',
      'DATABASE_URL',
      'NATS_URL',
      'API_TOKENS',
      'LOG_LEVEL',
    ])
      assert.ok(env.includes(v), `env ${v}`);
    assert.equal(
      env.includes('CREDENTIALS_KEY'),
      values.services[name].credentialsKey,
    );
    assert.equal(new Set(env).size, env.length, 'no duplicate env names');
    assert.equal(c.env.find((e) => e.name === 'PORT').value, String(port));
    assert.ok(
      c.env.find((e) => e.name === 'API_TOKENS').valueFrom.secretKeyRef,
      'API_TOKENS from a Secret',
    );

    const job = find(docs, 'Job', `${full}-migrate`);
    assert.ok(job, 'migrate Job');
    const hooks = job.metadata.annotations['helm.sh/hook'].split(',');
    assert.ok(
      hooks.includes('pre-upgrade') &&
        hooks.some((h) => h.endsWith('-install')),
      `hooks ${hooks}`,
    );
    const jc = job.spec.template.spec.containers[0];
    assert.equal(jc.image, c.image);
    assert.match(
      jc.command.join(' '),
      /node migrate\.js && node provision\.js/,
    );
    assert.deepEqual(envNames(jc), env, 'the job sees the same environment');
  });
}

test('bundled dependencies: 3-node JetStream StatefulSet with routes and PVCs, CloudNativePG Cluster of 3', () => {
  const docs = manifests(render());
  const sts = find(docs, 'StatefulSet', 'hub-nats');
  assert.equal(sts?.spec.replicas, 3);
  assert.equal(sts.spec.serviceName, 'hub-nats-headless');
  assert.ok(
    find(docs, 'Service', 'hub-nats-headless')?.spec.clusterIP === 'None',
  );
  assert.equal(sts.spec.volumeClaimTemplates[0].metadata.name, 'data');
  const conf = find(docs, 'ConfigMap', 'hub-nats-config').data['nats.conf'];
  assert.match(conf, /jetstream \{[^}]*store_dir: \/data/);
  const routes = conf.match(
    /nats:\/\/hub-nats-\d\.hub-nats-headless\.einvoice\.svc\.cluster\.local:6222/g,
  );
  assert.equal(routes?.length, 3);
  assert.ok(find(docs, 'PodDisruptionBudget', 'hub-nats'));
  const cluster = find(docs, 'Cluster', 'hub-pg');
  assert.equal(cluster?.apiVersion, 'postgresql.cnpg.io/v1');
  assert.equal(cluster.spec.instances, 3);
  assert.deepEqual(cluster.spec.bootstrap.initdb, {
    database: 'hub',
    owner: 'hub',
  });
  const dep = find(docs, 'Deployment', 'hub-invoice-inbox');
  const db = dep.spec.template.spec.containers[0].env.find(
    (e) => e.name === 'DATABASE_URL',
  );
  assert.deepEqual(db.valueFrom.secretKeyRef, {
    name: 'hub-pg-app',
    key: 'uri',
  });
  const nats = dep.spec.template.spec.containers[0].env.find(
    (e) => e.name === 'NATS_URL',
  );
  assert.equal(nats.value, 'nats://hub-nats:4222');
  // The bundled servers only exist after install: the jobs must run post-install then.
  assert.equal(
    find(docs, 'Job', 'hub-invoice-inbox-migrate').metadata.annotations[
      'helm.sh/hook'
    ],
    'post-install,pre-upgrade',
  );
});

test('external dependencies and Secrets: no bundled servers, no chart Secret, pre-install hooks', () => {
  const docs = manifests(
    render({
      nats: { enabled: false },
      postgres: { enabled: false },
      natsUrl: 'nats://nats.infra:4222',
      secrets: { create: false },
      secretRefs: {
        apiTokens: { name: 'hub-api', key: 'tokens' },
        credentialsKey: { name: 'hub-crypto', key: 'key' },
        databaseUrl: { name: 'hub-db', key: 'url' },
      },
    }),
  );
  assert.equal(
    docs.filter((d) => ['StatefulSet', 'Cluster', 'Secret'].includes(d.kind))
      .length,
    0,
  );
  const c = find(docs, 'Deployment', 'hub-operator-gateway').spec.template.spec
    .containers[0];
  const ref = (n) => c.env.find((e) => e.name === n).valueFrom.secretKeyRef;
  assert.deepEqual(ref('DATABASE_URL'), { name: 'hub-db', key: 'url' });
  assert.deepEqual(ref('API_TOKENS'), { name: 'hub-api', key: 'tokens' });
  assert.deepEqual(ref('CREDENTIALS_KEY'), { name: 'hub-crypto', key: 'key' });
  assert.equal(
    c.env.find((e) => e.name === 'NATS_URL').value,
    'nats://nats.infra:4222',
  );
  assert.equal(
    find(docs, 'Job', 'hub-operator-gateway-migrate').metadata.annotations[
      'helm.sh/hook'
    ],
    'pre-install,pre-upgrade',
  );
});

test('the chart Secret is a hook that runs before the migrate jobs and holds what no secretRef names', () => {
  const docs = manifests(render());
  const secret = find(docs, 'Secret', 'hub-secrets');
  assert.ok(secret);
  assert.deepEqual(Object.keys(secret.data).sort(), [
    'API_TOKENS',
    'CREDENTIALS_KEY',
  ]);
  assert.equal(
    Buffer.from(secret.data.API_TOKENS, 'base64').toString(),
    'admintoken=*',
  );
  const podSpecs = docs.map((d) => d.spec?.template?.spec).filter(Boolean);
  const refs = podSpecs
    .flatMap((p) => [...(p.initContainers ?? []), ...p.containers])
    .flatMap((c) => c.env ?? [])
    .map((e) => e.valueFrom?.secretKeyRef)
    .filter((r) => r?.name === 'hub-secrets');
  assert.ok(refs.length >= 12, `${refs.length} references to the chart Secret`);
  for (const r of refs)
    assert.ok(r.key in secret.data, `key ${r.key} is in the chart Secret`);
  assert.ok(Number(secret.metadata.annotations['helm.sh/hook-weight']) < 0);
  assert.match(secret.metadata.annotations['helm.sh/hook'], /pre-install/);
});

test('missing required values fail the render with a message naming them', () => {
  assert.throws(() => render({}), /secrets\.apiTokens is required/);
  assert.throws(
    () => render({ secrets: { apiTokens: 'a=*' } }),
    /secrets\.credentialsKey is required/,
  );
  assert.throws(
    () => render({ ...trialSecrets, postgres: { enabled: false } }),
    /secrets\.databaseUrl is required/,
  );
  assert.throws(
    () => render({ ...trialSecrets, nats: { enabled: false } }),
    /natsUrl is required/,
  );
  assert.throws(
    () => render({ ...trialSecrets, nats: { replicas: 1 } }),
    /at least 3/,
  );
});

test('NOTES.txt renders with every enabled service URL', () => {
  const notes = render().notes;
  for (const [name, port] of Object.entries(SERVICES)) {
    assert.match(notes, new RegExp(`http://hub-${name}:${port}`));
  }
});

test('disabling a service removes all its resources; overrides reach the manifests', () => {
  const docs = manifests(
    render({
      ...trialSecrets,
      image: { repository: 'registry.example/hub', tag: '1.2.3' },
      services: {
        'ledger-validation': { enabled: false },
        'invoice-inbox': { replicas: 5, env: { LOG_LEVEL: 'debug' } },
      },
    }),
  );
  assert.equal(
    docs.filter((d) => d.metadata.name.startsWith('hub-ledger-validation'))
      .length,
    0,
  );
  const inbox = find(docs, 'Deployment', 'hub-invoice-inbox');
  assert.equal(inbox.spec.replicas, 5);
  const c = inbox.spec.template.spec.containers[0];
  assert.equal(c.image, 'registry.example/hub/invoice-inbox:1.2.3');
  assert.deepEqual(
    c.env.filter((e) => e.name === 'LOG_LEVEL'),
    [{ name: 'LOG_LEVEL', value: 'debug' }],
  );
});
