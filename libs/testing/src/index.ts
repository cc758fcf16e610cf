export * from './lib/test-infra';
export * from './lib/fake-http-server';
export * from './lib/test-service';
export * from './lib/fakes/scripted-faults';
export * from './lib/fakes/oauth2-tokens';
export * from './lib/fakes/xero.fake';
export * from './lib/fakes/sage.fake';
export * from './lib/fakes/sap-b1.fake';
