import { AsyncResource } from 'node:async_hooks';

/**
 * `AsyncResource.prototype.bind` without Node 20's per-call cost.
 *
 * On Node 20 every call builds two `util.deprecate` wrappers for the deprecated
 * `asyncResource` property of the bound function (DEP0172): about 15 µs a call on this
 * hardware. Fastify binds one per request (its body parser), so that was roughly 4 % of
 * a Fastify service's CPU per request. This version behaves the same way: the function
 * runs in the resource's async scope, `thisArg` is respected, `length` is kept, and
 * `asyncResource` still reads and writes the resource, with the deprecation warning
 * emitted once per process. The per-call wrappers are not built.
 *
 * It is installed once per process by `createServiceApp`, and only when the running Node's
 * own `bind` builds these wrappers (newer Nodes do not).
 */
const RESOURCE = Symbol('hub:async-resource');
let warned = false;

function warnOnce(): void {
  if (warned) return;
  warned = true;
  process.emitWarning('The asyncResource property on bound functions is deprecated', 'DeprecationWarning', 'DEP0172');
}

type Bound = ((...args: unknown[]) => unknown) & { [RESOURCE]?: AsyncResource };

const asyncResourceProperty: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: Bound) {
    warnOnce();
    return this[RESOURCE];
  },
  set(this: Bound, value: AsyncResource) {
    warnOnce();
    this[RESOURCE] = value;
  },
};

function fastBind<F extends (...args: never[]) => unknown>(this: AsyncResource, fn: F, thisArg?: unknown): F {
  if (typeof fn !== 'function') {
    const error = new TypeError(`The "fn" argument must be of type function. Received ${fn === null ? 'null' : typeof fn}`);
    (error as TypeError & { code: string }).code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  // The resource is captured for the bound function (as Node's own bind does).
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const resource = this;
  const target = fn as unknown as (...a: unknown[]) => unknown;
  const bound: Bound =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) {
          return resource.runInAsyncScope(target, this, ...args);
        }
      : (...args: unknown[]) => resource.runInAsyncScope(target, thisArg, ...args);
  Object.defineProperty(bound, 'length', { configurable: true, enumerable: false, value: fn.length, writable: false });
  Object.defineProperty(bound, RESOURCE, { configurable: true, enumerable: false, writable: true, value: resource });
  Object.defineProperty(bound, 'asyncResource', asyncResourceProperty);
  return bound as unknown as F;
}

/** Whether this Node's own `bind` builds deprecation wrappers on every call. */
export function nativeBindIsSlow(): boolean {
  return AsyncResource.prototype.bind !== (fastBind as unknown) && /\bdeprecate\(/.test(AsyncResource.prototype.bind.toString());
}

/** Installs {@link fastBind} when the native one is the slow kind; returns whether it did. */
export function installFastAsyncResourceBind(): boolean {
  if (!nativeBindIsSlow()) return false;
  AsyncResource.prototype.bind = fastBind as typeof AsyncResource.prototype.bind;
  return true;
}
