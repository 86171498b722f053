import { CACHE_KEY_EXCLUDED_PARAMS } from '../../src/cache/cache-key';
import { SingleFlight } from '../../src/cache/single-flight';
import { InvalidRequestError, MemoryCache, cacheKey, withCache, type Cache } from '../../src/index';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A promise with its resolve/reject, to hold a load in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('MemoryCache', () => {
  it('returns what was set until the ttl passes, then nothing', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set('k', '{"item":1}', 1000);
    expect(await cache.get('k')).toBe('{"item":1}');
    clock.advance(999);
    expect(await cache.get('k')).toBe('{"item":1}');
    clock.advance(1);
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', '1', 60_000);
    await cache.set('b', '2', 60_000);
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', '3', 60_000);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('counts keys and values as UTF-8 bytes against maxBytes', async () => {
    const cache = new MemoryCache({ maxBytes: 20 });
    await cache.set('a', '纯棉', 60_000); // 1 + 6 bytes
    await cache.set('b', '短袖', 60_000); // 7 more: 14
    expect(cache.bytes).toBe(14);
    await cache.set('c', '批发', 60_000); // 21 > 20: the oldest goes
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(14);
    await cache.set('huge', 'x'.repeat(100), 60_000); // larger than the whole cache: not stored
    expect(await cache.get('huge')).toBeUndefined();
    expect(await cache.get('c')).toBe('批发');
  });

  it('replaces a value, deletes, and refuses a ttl that is not a positive number', async () => {
    const cache = new MemoryCache();
    await cache.set('k', 'old', 1000);
    await cache.set('k', 'newer', 1000);
    expect(cache.bytes).toBe(6);
    expect(await cache.get('k')).toBe('newer');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    await expect(cache.set('k', 'v', 0)).rejects.toThrow(InvalidRequestError);
    await expect(cache.set('k', 'v', Number.NaN)).rejects.toThrow(/ttlMs must be a positive number/);
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(/maxEntries must be a whole number/);
  });
});

describe('SingleFlight', () => {
  it('shares one load among 10 concurrent calls for a key', async () => {
    const flight = new SingleFlight();
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return gate.promise;
    };
    const calls = Array.from({ length: 10 }, () => flight.run('offer:1', load));
    const other = flight.run('offer:2', async () => 'other');
    expect(flight.size).toBe(2);
    gate.resolve('value');
    expect(await Promise.all(calls)).toEqual(Array(10).fill('value'));
    expect(await other).toBe('other');
    expect(loads).toBe(1);
    expect(flight.size).toBe(0);
  });

  it('gives the error to every waiter, keeps nothing, and loads again next time', async () => {
    const flight = new SingleFlight();
    let loads = 0;
    const failing = async () => {
      loads += 1;
      throw new Error('gateway down');
    };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => flight.run('k', failing)));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'gateway down')).toBe(true);
    expect(loads).toBe(1);
    expect(flight.size).toBe(0);
    expect(await flight.run('k', async () => 'recovered')).toBe('recovered');
  });

  it('turns a load that throws synchronously into a rejection and releases the key', async () => {
    const flight = new SingleFlight();
    const throwing = (): Promise<string> => {
      throw new Error('sync');
    };
    await expect(flight.run('k', throwing)).rejects.toThrow('sync');
    expect(flight.size).toBe(0);
  });
});

describe('withCache', () => {
  it('loads once for 10 concurrent misses, stores the value, then serves it from the cache', async () => {
    const cache = new MemoryCache();
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return gate.promise;
    };
    const calls = Array.from({ length: 10 }, () => withCache(cache, 'k', 60_000, load));
    await new Promise((resolve) => setImmediate(resolve)); // let every call pass its cache miss
    gate.resolve('body');
    expect(await Promise.all(calls)).toEqual(Array(10).fill('body'));
    expect(await withCache(cache, 'k', 60_000, load)).toBe('body');
    expect(loads).toBe(1);
    expect(await cache.get('k')).toBe('body');
  });

  it('does not store a failed load', async () => {
    const cache = new MemoryCache();
    await expect(withCache(cache, 'k', 60_000, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k')).toBeUndefined();
    expect(await withCache(cache, 'k', 60_000, async () => 'ok')).toBe('ok');
  });

  it('goes on without the cache when the store fails, and says so', async () => {
    const broken: Cache = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
      delete: async () => undefined,
    };
    const seen: string[] = [];
    const value = await withCache(broken, 'k', 1000, async () => 'fresh', {
      onCacheError: (error, operation) => seen.push(`${operation}: ${(error as Error).message}`),
    });
    expect(value).toBe('fresh');
    expect(seen).toEqual(['get: redis down', 'set: redis down']);
  });

  it('refuses a bad ttl before loading', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return 'x';
    };
    await expect(withCache(new MemoryCache(), 'k', -1, load)).rejects.toThrow(InvalidRequestError);
    expect(loads).toBe(0);
  });
});

describe('cacheKey', () => {
  const request = {
    method: 'alibaba.item.get',
    app_key: '12345678',
    item_id: '61234567890',
    fields: 'num_iid,title',
    timestamp: '2026-11-23 18:00:00',
    sign_method: 'md5',
    sign: 'ABCDEF0123456789ABCDEF0123456789',
    session: 'session-SECRET-6100e2',
  };

  it('is short, names the dialect and API, and contains no credential, signature or timestamp', () => {
    const key = cacheKey('top', 'alibaba.item.get', request);
    expect(key).toMatch(/^top:alibaba\.item\.get:[0-9a-f]{64}$/);
    for (const secret of ['SECRET', '6100e2', 'ABCDEF', '2026-11-23', '12345678']) expect(key).not.toContain(secret);
  });

  it('ignores timestamps, signatures and credentials, so repeated calls hit', () => {
    const later = { ...request, timestamp: '2026-11-23 18:05:00', sign: 'OTHER', session: 'other-session' };
    expect(cacheKey('top', 'alibaba.item.get', later)).toBe(cacheKey('top', 'alibaba.item.get', request));
    const aop = (token: string, ms: number) =>
      cacheKey('aop', 'alibaba.product.get', {
        productID: '1',
        access_token: token,
        _aop_timestamp: ms,
        _aop_signature: 'S',
      });
    expect(aop('t1', 1)).toBe(aop('t2', 2));
    const onebound = (key: string, secret: string) =>
      cacheKey('onebound', 'item_get_pro', { key, secret, num_iid: '1' });
    expect(onebound('k1', 's1')).toBe(onebound('k2', 's2'));
    expect([...CACHE_KEY_EXCLUDED_PARAMS]).toEqual(
      expect.arrayContaining([
        'sign',
        '_aop_signature',
        'timestamp',
        '_aop_timestamp',
        'access_token',
        'session',
        'secret',
        'key',
      ]),
    );
  });

  it('differs when anything that changes the answer differs', () => {
    const base = cacheKey('top', 'alibaba.item.get', request);
    expect(cacheKey('top', 'alibaba.item.get', { ...request, item_id: '61234567891' })).not.toBe(base);
    expect(cacheKey('top', 'alibaba.item.get', { ...request, app_key: '87654321' })).not.toBe(base);
    expect(cacheKey('top', 'taobao.item.get', request)).not.toBe(base);
    expect(cacheKey('aop', 'alibaba.item.get', request)).not.toBe(base);
    expect(cacheKey('top', 'x', { a: 'bc' })).not.toBe(cacheKey('top', 'x', { ab: 'c' }));
    expect(cacheKey('top', 'alibaba.item.get', request, { scope: 'member-1' })).not.toBe(
      cacheKey('top', 'alibaba.item.get', request, { scope: 'member-2' }),
    );
  });

  it('normalises like the request: key order and value types do not matter', () => {
    expect(cacheKey('top', 'x', { b: 2, a: true, c: null })).toBe(cacheKey('top', 'x', { a: 'true', b: '2' }));
  });
});
