export * from './lib/snake-naming.strategy';
export * from './lib/data-source-options';
export * from './lib/run-migrations';
export * from './lib/persistence.module';
export * from './lib/group-commit';
