#!/usr/bin/env node
// ts-jest only transpiles (fast); this type-checks every project's code and tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configs = ['apps', 'libs'].flatMap((group) =>
  readdirSync(join(root, group)).flatMap((project) =>
    ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json']
      .map((f) => join(group, project, f))
      .filter((f) => existsSync(join(root, f))),
  ),
);
let failed = 0;
for (const config of configs) {
  const result = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', config], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`✖ ${config}\n${result.stdout}${result.stderr}`);
  }
}
process.stdout.write(`type-check: ${configs.length - failed}/${configs.length} projects clean\n`);
process.exit(failed ? 1 : 0);
