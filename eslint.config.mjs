import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Architecture rules live here, enforced by lint rather than by hope:
 * a service never imports another service's code, libs are reached only through
 * their index, money code never silently drops a promise, and `any` is an error
 * outside tests.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.nx', '.infra', 'coverage'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/webpack/service\\.webpack\\.cjs$'],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:operator-gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:operator-gateway'] },
            { sourceTag: 'scope:master-data-sync', onlyDependOnLibsWithTags: ['scope:shared', 'scope:master-data-sync'] },
            { sourceTag: 'scope:invoice-inbox', onlyDependOnLibsWithTags: ['scope:shared', 'scope:invoice-inbox'] },
            { sourceTag: 'scope:receiver-registry', onlyDependOnLibsWithTags: ['scope:shared', 'scope:receiver-registry'] },
            { sourceTag: 'scope:ledger-validation', onlyDependOnLibsWithTags: ['scope:shared', 'scope:ledger-validation'] },
            { sourceTag: 'scope:accounting-export', onlyDependOnLibsWithTags: ['scope:shared', 'scope:accounting-export'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing', 'type:domain'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@hub/*/*'], message: 'Import a lib only through its index (@hub/<lib>).' }] },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/jest.config.cts', '**/*.config.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      // Tests and benchmarks of the shared libs may run a real service (service-kit) with the
      // testing helpers; production code keeps the strict constraints above.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
