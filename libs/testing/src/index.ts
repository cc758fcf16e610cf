export * from './lib/test-infra';
export * from './lib/fake-http-server';
export * from './lib/test-service';
