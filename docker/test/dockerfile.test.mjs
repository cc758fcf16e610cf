// docker/Dockerfile: stages, per-service port, non-root runtime, health check, ignore file;
// and, for every service already built, that what the image copies from dist/ exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const DOCKER = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROOT = path.resolve(DOCKER, '..');
const SERVICES = {
  'operator-gateway': 3101,
  'master-data-sync': 3102,
  'invoice-inbox': 3103,
  'receiver-registry': 3104,
  'ledger-validation': 3105,
  'accounting-export': 3106,
};

/** Instructions of the Dockerfile, continuation lines joined, comments dropped. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) && current === '') continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    current += line;
    if (current.trim()) {
      const [, op, args] = /^\s*(\S+)\s*(.*)$/s.exec(current);
      out.push({ op: op.toUpperCase(), args: args.trim() });
    }
    current = '';
  }
  return out;
}

const dockerfile = instructions(
  fs.readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8'),
);

/** Stages as { name, from, body: [instructions] } in order. */
const stages = [];
for (const ins of dockerfile) {
  if (ins.op === 'FROM') {
    const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
    stages.push({ from: m[1], name: m[2] ?? null, body: [] });
  } else if (stages.length) {
    stages[stages.length - 1].body.push(ins);
  }
}
const stage = (name) => stages.find((s) => s.name === name);
const ops = (s, op) => s.body.filter((i) => i.op === op).map((i) => i.args);

/** The runtime image of a service: its svc-<name> stage and every stage it is FROM. */
function lineage(name) {
  const chain = [];
  for (let s = stage(`svc-${name}`); s; s = stage(s.from)) chain.push(s);
  return chain;
}

test('the last stage picks the service stage by build argument', () => {
  assert.ok(stages.length >= 4);
  assert.equal(stages[stages.length - 1].from, 'svc-${SERVICE}');
  const globalArgs = dockerfile
    .slice(
      0,
      dockerfile.findIndex((i) => i.op === 'FROM'),
    )
    .filter((i) => i.op === 'ARG');
  assert.ok(
    globalArgs.some((a) => /^SERVICE\b/.test(a.args)),
    'ARG SERVICE before the first FROM',
  );
});

test('the node base image is Node 20 on Debian bookworm slim', () => {
  const arg = dockerfile.find(
    (i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='),
  );
  assert.match(
    arg?.args ?? '',
    /^NODE_IMAGE=node:20(\.\d+){0,2}-bookworm-slim$/,
  );
  assert.ok(
    stages.every(
      (s) =>
        s.from === '${NODE_IMAGE}' ||
        stage(s.from) ||
        s.from === 'svc-${SERVICE}',
    ),
    'every stage on it',
  );
});

test('the build stage installs with npm ci and builds the service with nx', () => {
  const build = stage('build');
  assert.ok(build, 'stage build');
  const runs = ops(build, 'RUN').join('\n');
  assert.match(runs, /npm ci\b/);
  assert.match(runs, /npx nx build "?\$\{?SERVICE\}?"?/);
});

test('production dependencies are installed without dev dependencies', () => {
  const runs = stages.flatMap((s) => ops(s, 'RUN')).join('\n');
  assert.match(runs, /npm ci [^\n]*--omit=dev/);
});

for (const [name, port] of Object.entries(SERVICES)) {
  test(`${name}: runtime image exposes ${port}, sets PORT, runs node main.js as non-root, checks /health/live`, () => {
    const chain = lineage(name);
    assert.ok(chain.length >= 2, `stage svc-${name} built on a runtime stage`);
    const all = (op) => chain.flatMap((s) => ops(s, op));
    assert.deepEqual(ops(chain[0], 'EXPOSE'), [String(port)]);
    assert.ok(
      ops(chain[0], 'ENV').some((e) => e === `PORT=${port}`),
      'ENV PORT',
    );
    const user = all('USER')[0];
    assert.ok(
      user && !/^(root|0)(:|$)/.test(user),
      `non-root USER, got ${user}`,
    );
    assert.equal(
      JSON.stringify(JSON.parse(all('CMD')[0])),
      JSON.stringify(['node', 'main.js']),
    );
    assert.match(all('HEALTHCHECK')[0] ?? '', /\/health\/live/);
    assert.equal(
      chain[chain.length - 1].from,
      '${NODE_IMAGE}',
      'runtime stage on the node base image',
    );
  });
}

test('the ignore file keeps node_modules and dist out of the context but not the sources', () => {
  const file = path.join(DOCKER, 'Dockerfile.dockerignore');
  const patterns = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const toRegex = (p) =>
    new RegExp(
      '^' +
        p
          .replace(/[.+^$()|[\]\\]/g, '\\$&')
          .replace(/\*\*\//g, '\u0001')
          .replace(/\*\*/g, '\u0002')
          .replace(/\*/g, '[^/]*')
          .replace(/\u0001/g, '(.*/)?')
          .replace(/\u0002/g, '.*') +
        '(/.*)?$',
    );
  const ignored = (p) =>
    patterns.some((pat) => !pat.startsWith('!') && toRegex(pat).test(p));
  for (const p of [
    'node_modules',
    'apps/x/node_modules',
    'dist',
    '.nx',
    '.infra',
    '.git',
  ])
    assert.ok(ignored(p), `${p} ignored`);
  for (const p of [
    'package.json',
    'package-lock.json',
    'nx.json',
    'tsconfig.base.json',
    'apps/operator-gateway/src/main.ts',
    'libs/messaging/src/index.ts',
    'docker/Dockerfile',
  ]) {
    assert.ok(!ignored(p), `${p} must reach the build`);
  }
});

test('files the Dockerfile copies from the build context exist', () => {
  for (const s of stages) {
    for (const args of ops(s, 'COPY')) {
      if (/--from=/.test(args)) continue;
      const parts = args.split(/\s+/).filter((a) => !a.startsWith('--'));
      for (const src of parts.slice(0, -1)) {
        if (src === '.') continue;
        assert.ok(
          fs.existsSync(path.join(ROOT, src)),
          `${src} (copied by stage ${s.name}) exists`,
        );
      }
    }
  }
});

/** Paths (relative to dist/apps/<svc>) the image needs: COPY sources from the build stage and the node entry points. */
function neededDistPaths(service) {
  const copies = stages
    .flatMap((s) => ops(s, 'COPY'))
    .filter((a) => /--from=build\b/.test(a))
    .map((a) => a.split(/\s+/).filter((x) => !x.startsWith('--'))[0])
    .filter((src) => src.includes('/dist/apps/'))
    .map((src) =>
      src
        .replace(/\$\{?SERVICE\}?/g, service)
        .replace(/^.*\/dist\/apps\/[^/]+\/?/, ''),
    );
  const compose = YAML.parse(
    fs.readFileSync(path.join(DOCKER, 'compose.yaml'), 'utf8'),
    { merge: true },
  );
  const commands = Object.values(compose.services).map((s) =>
    [].concat(s.command ?? []).join(' '),
  );
  const scripts = new Set(['main.js']);
  for (const c of commands)
    for (const m of c.matchAll(/node (\S+\.js)/g)) scripts.add(m[1]);
  return [...new Set([...copies, ...scripts])];
}

for (const service of Object.keys(SERVICES)) {
  test(`${service}: what the image copies and runs exists in dist after nx build`, (t) => {
    const dist = path.join(ROOT, 'dist', 'apps', service);
    if (!fs.existsSync(path.join(dist, 'main.js'))) {
      t.skip(
        `dist/apps/${service}/main.js not built: run \`npx nx build ${service}\` to check`,
      );
      return;
    }
    const needed = neededDistPaths(service);
    assert.ok(
      needed.includes('') &&
        needed.includes('migrate.js') &&
        needed.includes('provision.js'),
      `checks ${needed}`,
    );
    const missing = needed.filter((p) => !fs.existsSync(path.join(dist, p)));
    assert.deepEqual(missing, [], `missing in dist/apps/${service}`);
  });
}

/** Packages a bundle loads at run time: webpack leaves node_modules as require("<name>"). */
function requiredPackages(file) {
  const text = fs.readFileSync(file, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
    if (m[1].startsWith('node:')) continue;
    const parts = m[1].split('/');
    names.add(m[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return names;
}

for (const service of Object.keys(SERVICES)) {
  test(`${service}: every package the built bundles require is a production dependency in the lock file`, (t) => {
    const dist = path.join(ROOT, 'dist', 'apps', service);
    const bundles = ['main.js', 'migrate.js', 'provision.js']
      .map((f) => path.join(dist, f))
      .filter((f) => fs.existsSync(f));
    if (!bundles.some((f) => f.endsWith('main.js'))) {
      t.skip(
        `dist/apps/${service}/main.js not built: run \`npx nx build ${service}\` to check`,
      );
      return;
    }
    const lock = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'),
    );
    const problems = [];
    for (const bundle of bundles) {
      for (const name of requiredPackages(bundle)) {
        if (isBuiltin(name)) continue;
        const entry = lock.packages?.[`node_modules/${name}`];
        if (!entry)
          problems.push(
            `${name} (${path.basename(bundle)}): not in package-lock.json`,
          );
        else if (entry.dev)
          problems.push(
            `${name} (${path.basename(bundle)}): only a dev dependency, missing after npm ci --omit=dev`,
          );
      }
    }
    assert.deepEqual(problems, []);
  });
}
