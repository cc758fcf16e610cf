import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installFastAsyncResourceBind, nativeBindIsSlow } from './async-resource-bind';

describe('AsyncResource.prototype.bind replacement', () => {
  const native = AsyncResource.prototype.bind;
  beforeAll(() => installFastAsyncResourceBind());
  afterAll(() => {
    AsyncResource.prototype.bind = native;
  });

  it('leaves no per-call deprecation wrappers in bind on Node 20, and a second install changes nothing', () => {
    // Node 20's own bind builds util.deprecate wrappers on every call; once installed (here, or
    // by a service started earlier in this worker: core modules are shared across test files),
    // bind must not. On a newer Node the native one is kept.
    if (process.versions.node.startsWith('20.')) {
      expect(AsyncResource.prototype.bind.toString()).not.toMatch(/\bdeprecate\(/);
    }
    expect(nativeBindIsSlow()).toBe(false);
    const installed = AsyncResource.prototype.bind;
    expect(installFastAsyncResourceBind()).toBe(false);
    expect(AsyncResource.prototype.bind).toBe(installed);
  });

  it('runs the function in the async scope of the resource, not of the caller', async () => {
    const als = new AsyncLocalStorage<string>();
    const bound = als.run('request-1', () =>
      new AsyncResource('test').bind((suffix: unknown) => `${als.getStore() ?? 'none'}${String(suffix)}`),
    );
    expect(als.run('other', () => bound('!'))).toBe('request-1!');
    // Also from a callback that has no store at all (e.g. a socket event).
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(bound('?')).toBe('request-1?');
        resolve();
      }),
    );
  });

  it('keeps `this` of the call, or thisArg when given, and the length of the function', () => {
    function who(this: unknown, _a: unknown, _b: unknown): string | undefined {
      return (this as { name?: string } | undefined)?.name;
    }
    const resource = new AsyncResource('test');
    const callThis = resource.bind(who);
    // Node accepts a thisArg (its typings do not declare it).
    const bindWithThis = resource.bind.bind(resource) as unknown as (fn: typeof who, thisArg: unknown) => typeof who;
    const fixed = bindWithThis(who, { name: 'fixed' });
    expect(callThis.call({ name: 'caller' }, 1, 2)).toBe('caller');
    expect(fixed.call({ name: 'caller' }, 1, 2)).toBe('fixed');
    expect(callThis.length).toBe(2);
    expect(fixed.length).toBe(2);
    expect(AsyncResource.bind(who).length).toBe(2);
  });

  it('still exposes the deprecated asyncResource property', () => {
    const resource = new AsyncResource('test');
    const bound = resource.bind(() => 1) as unknown as { asyncResource: AsyncResource };
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(bound.asyncResource).toBe(resource);
      const other = new AsyncResource('other');
      bound.asyncResource = other;
      expect(bound.asyncResource).toBe(other);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a non-function like the native one', () => {
    // (Message, not class: the TypeError may come from another test file's realm.)
    expect(() => new AsyncResource('test').bind(42 as unknown as () => void)).toThrow(/"fn" argument must be of type function/);
  });
});
