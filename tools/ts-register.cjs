// Runs TypeScript entry points (CLI, generators, benchmarks) without a build, with the
// workspace's decorator settings and path aliases.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
