export * from './lib/event-contract';
export * from './lib/company-event';
export * from './lib/topology';
export * from './lib/asyncapi';
export * from './lib/gateway/einvoice-services';
export * from './lib/gateway/gateway-connection-registered.event';
export * from './lib/testkit/testkit-probe-received.event';
