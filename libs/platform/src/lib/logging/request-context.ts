import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and outgoing message should know about the work in progress. */
export interface RequestContext {
  companyId?: string;
  traceparent?: string;
  traceId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentContext(): RequestContext {
  return storage.getStore() ?? {};
}

/** Adds to the current context in place (e.g. once a handler knows the company). */
export function enrichContext(patch: Partial<RequestContext>): void {
  const store = storage.getStore();
  if (store) Object.assign(store, patch);
}
