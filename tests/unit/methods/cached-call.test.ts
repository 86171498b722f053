/** readCall: the response cache under the typed methods, against a MemoryCache with a test clock. */
import { readCall } from '../../../src/methods/cached-call';
import type { RequestOptions } from '../../../src/call-options';
import type { MethodHost } from '../../../src/methods/host';
import { resolveResponseCache } from '../../../src/methods/response-cache';
import { InvalidRequestError, MemoryCache, OpenApiError, ResponseError, ServiceError } from '../../../src/index';

function host(cache: MemoryCache | undefined, answer: () => Promise<unknown>) {
  const calls: Array<{ api: string; params: Readonly<Record<string, unknown>>; ro: RequestOptions }> = [];
  const h: MethodHost & { calls: typeof calls } = {
    dialect: 'top',
    scopeFor: async () => 'session:0123abcd',
    lang: undefined,
    responseCache: cache === undefined ? undefined : { store: cache, ttlMs: 1000 },
    calls,
    async call(api, params, ro) {
      calls.push({ api, params, ro });
      return answer();
    },
  };
  return h;
}

describe('readCall with a response cache', () => {
  it('hits until the entry expires', async () => {
    let now = 0;
    const cache = new MemoryCache({ now: () => now });
    const h = host(cache, async () => ({ item: { item_id: '9007199254740993', n: h.calls.length } }));
    const first = await readCall(h, 'alibaba.item.get', { item_id: '1' });
    now = 999;
    expect(await readCall(h, 'alibaba.item.get', { item_id: '1' })).toEqual(first);
    expect(h.calls).toHaveLength(1);
    now = 1000;
    expect(await readCall(h, 'alibaba.item.get', { item_id: '1' })).toEqual({
      item: { item_id: '9007199254740993', n: 2 },
    });
    expect(h.calls).toHaveLength(2);
  });

  it('10 concurrent identical calls make one request; different params make their own', async () => {
    const cache = new MemoryCache();
    const h = host(cache, () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 10)));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => readCall(h, 'alibaba.item.get', { item_id: '1' })),
    );
    expect(results.every((r) => (r as { ok: boolean }).ok)).toBe(true);
    expect(h.calls).toHaveLength(1);
    await readCall(h, 'alibaba.item.get', { item_id: '2' });
    expect(h.calls).toHaveLength(2);
  });

  it('does not cache errors, and cache: false bypasses', async () => {
    const cache = new MemoryCache();
    let fail = true;
    const h = host(cache, async () => {
      if (fail) throw new ServiceError({ message: 'down' });
      return { ok: 1 };
    });
    await expect(readCall(h, 'x.get', {})).rejects.toBeInstanceOf(ServiceError);
    expect(cache.size).toBe(0);
    fail = false;
    await readCall(h, 'x.get', {});
    await readCall(h, 'x.get', {});
    expect(h.calls).toHaveLength(2);
    await readCall(h, 'x.get', {}, { cache: false });
    expect(h.calls).toHaveLength(3);
    // cache: false is ours, never passed on to client.call.
    expect(h.calls[2]!.ro).toEqual({});
  });

  it('a waiter that aborts stops waiting; the shared request goes on and fills the cache', async () => {
    const cache = new MemoryCache();
    const h = host(cache, () => new Promise((resolve) => setTimeout(() => resolve({ ok: 1 }), 20)));
    const controller = new AbortController();
    const aborted = readCall(h, 'x.get', {}, { signal: controller.signal });
    const other = readCall(h, 'x.get', {});
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORT_ERR' });
    await expect(aborted).rejects.toBeInstanceOf(OpenApiError);
    await expect(other).resolves.toEqual({ ok: 1 });
    expect(h.calls).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('stores an answer only after its mapping passed: a malformed answer is not cached, the next call asks again', async () => {
    const cache = new MemoryCache();
    let good = false;
    const h = host(cache, async () => (good ? { item: { title: 'ok' } } : { item: 'not an object' }));
    const map = (payload: unknown): string => {
      const item = (payload as { item?: unknown }).item;
      if (typeof item !== 'object' || item === null) throw new ResponseError({ message: 'malformed' });
      return (item as { title: string }).title;
    };
    await expect(readCall(h, 'alibaba.item.get', { item_id: '1' }, {}, { map })).rejects.toBeInstanceOf(ResponseError);
    expect(cache.size).toBe(0);
    good = true;
    await expect(readCall(h, 'alibaba.item.get', { item_id: '1' }, {}, { map })).resolves.toBe('ok');
    expect(h.calls).toHaveLength(2);
    expect(cache.size).toBe(1);
    // A hit is mapped again from the stored payload, without a request.
    await expect(readCall(h, 'alibaba.item.get', { item_id: '1' }, {}, { map })).resolves.toBe('ok');
    expect(h.calls).toHaveLength(2);
  });

  it('keys carry dialect and API, not the scope or any parameter in clear', async () => {
    const keys: string[] = [];
    const cache = new MemoryCache();
    const original = cache.set.bind(cache);
    cache.set = async (key, value, ttl) => {
      keys.push(key);
      return original(key, value, ttl);
    };
    const h = host(cache, async () => ({}));
    await readCall(h, 'taobao.qianniu.item.get', { page: '1' }, {}, { scope: await h.scopeFor({}, 'test') });
    await readCall(h, 'taobao.qianniu.item.get', { page: '1' }, {}, { scope: 'session:other' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^top:taobao\.qianniu\.item\.get:[0-9a-f]{64}$/);
    expect(keys[0]).not.toBe(keys[1]); // another seller's session: another entry
  });
});

describe('resolveResponseCache', () => {
  it('memory by default, a passed store as is, false for none', () => {
    const memory = resolveResponseCache({ ttlMs: 5, maxEntries: 3 });
    expect(memory.settings?.store).toBeInstanceOf(MemoryCache);
    expect(memory.owned).toBe(memory.settings?.store);
    const store = new MemoryCache();
    expect(resolveResponseCache({ store, ttlMs: 5 })).toEqual({ settings: { store, ttlMs: 5 }, owned: undefined });
    expect(resolveResponseCache(false).settings).toBeUndefined();
  });

  it.each([
    [{ ttlMs: 0 }, /responseCache\.ttlMs/],
    [{ ttlMs: 5, store: 'redis' }, /responseCache\.store/],
    [{ ttlMs: 5, store: new MemoryCache(), maxEntries: 3 }, /responseCache\.maxEntries/],
    [{ ttlMs: 5, ttl: 5 }, /responseCache\.ttl\b/],
  ])('rejects %p', (option, message) => {
    expect(() => resolveResponseCache(option as never)).toThrow(InvalidRequestError);
    expect(() => resolveResponseCache(option as never)).toThrow(message);
  });
});
