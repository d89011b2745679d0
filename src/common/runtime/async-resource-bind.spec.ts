import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installFastAsyncResourceBind } from './async-resource-bind';

describe('installFastAsyncResourceBind', () => {
  const native = AsyncResource.prototype.bind;
  afterAll(() => {
    AsyncResource.prototype.bind = native;
  });

  it('keeps the semantics of AsyncResource#bind: async context, this, arguments, length', () => {
    installFastAsyncResourceBind();
    const als = new AsyncLocalStorage<string>();
    const resource = als.run('captured', () => new AsyncResource('test'));
    function probe(this: unknown, a: number, b: number) {
      return { store: als.getStore(), self: this, sum: a + b };
    }
    const unboundThis = resource.bind(probe);
    const withThis = (resource.bind as (fn: typeof probe, thisArg: unknown) => typeof probe)(probe, 'fixed');
    expect(unboundThis.length).toBe(2);
    const outside = als.run('elsewhere', () => unboundThis.call('caller', 2, 3));
    expect(outside).toEqual({ store: 'captured', self: 'caller', sum: 5 });
    expect(als.run('elsewhere', () => withThis.call('ignored', 1, 1))).toEqual({ store: 'captured', self: 'fixed', sum: 2 });
    expect((unboundThis as unknown as { asyncResource: AsyncResource }).asyncResource).toBe(resource);
    expect(() => resource.bind(42 as never)).toThrow(/must be of type function/);
  });
});
