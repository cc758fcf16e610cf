export * from './lib/hub-service';
