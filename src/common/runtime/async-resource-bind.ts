import { AsyncResource } from 'node:async_hooks';

/**
 * Node 20's AsyncResource#bind wraps the deprecated `asyncResource` accessor of every bound function
 * in two fresh `util.deprecate()` closures (DEP0172). Fastify binds one function per request that has
 * a body (its content-type parser), and a CPU profile of POST /v1/estimates under load showed those
 * wrappers at ~11% of the process's time. This replacement keeps the behaviour that matters (the
 * function runs in the resource's async scope with the given `this`; `length` is kept; the
 * `asyncResource` accessor still answers) without building the wrappers. It is installed only where
 * the runtime's own bind builds them (feature-detected), by the process entry point.
 */
export function installFastAsyncResourceBind(): boolean {
  const native = AsyncResource.prototype.bind;
  if (!native.toString().includes('deprecate')) return false;
  AsyncResource.prototype.bind = function bind<Func extends (...args: unknown[]) => unknown>(
    this: AsyncResource,
    fn: Func,
    thisArg?: unknown,
  ) {
    if (typeof fn !== 'function') return (native as (fn: unknown, thisArg?: unknown) => Func).call(this, fn, thisArg); // the native error message
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let resource: AsyncResource = this;
    const bound =
      thisArg === undefined
        ? function (this: unknown, ...args: unknown[]) {
            return resource.runInAsyncScope(fn, this, ...args);
          }
        : (...args: unknown[]) => resource.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: {
        configurable: true,
        enumerable: true,
        get: () => resource,
        set: (value: AsyncResource) => {
          resource = value;
        },
      },
    });
    return bound as unknown as Func;
  } as typeof AsyncResource.prototype.bind;
  return true;
}
