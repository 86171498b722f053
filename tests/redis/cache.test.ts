/**
 * RedisCache against the real Redis at 127.0.0.1:6379 (shared with other suites and people): every
 * key lives under a prefix unique to this run and is deleted afterwards, never FLUSHALL.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCache, cacheKey, withCache } from '../../src/index';
import { TEST_REDIS_URL, describeWithRedis } from '../support/redis';

const PREFIX = `open1688:test:cache:${randomUUID()}:`;

async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

describeWithRedis('RedisCache (real Redis)', () => {
  let client: Redis;
  let cache: RedisCache;

  beforeAll(() => {
    client = new Redis(TEST_REDIS_URL);
    cache = new RedisCache(client, { prefix: PREFIX });
  });

  afterAll(async () => {
    const leftovers = await keysUnder(client, PREFIX);
    if (leftovers.length > 0) await client.del(...leftovers);
    await client.quit();
  });

  it('returns what was set, under the prefix, and nothing for an unknown key', async () => {
    await cache.set('hit', '{"item":"纯棉短袖"}', 60_000);
    expect(await cache.get('hit')).toBe('{"item":"纯棉短袖"}');
    expect(await client.get(`${PREFIX}hit`)).toBe('{"item":"纯棉短袖"}');
    expect(await cache.get('missing')).toBeUndefined();
    await cache.delete('hit');
    expect(await cache.get('hit')).toBeUndefined();
  });

  it('lets Redis expire entries with a millisecond ttl (SET … PX)', async () => {
    await cache.set('short', 'v', 80);
    const pttl = await client.pttl(`${PREFIX}short`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(80);
    expect(await cache.get('short')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('never writes a secret, token, session, signature or timestamp into a key', async () => {
    const secrets = ['APPSECRET-e1f2', 'TOKEN-a9b8c7', 'SESSION-6100e2', 'SIGN-ABCDEF01', 'OB-SECRET-77'];
    const calls = [
      cacheKey('top', 'alibaba.item.get', {
        method: 'alibaba.item.get',
        app_key: '12345678',
        timestamp: '2026-11-23 18:00:00',
        session: secrets[2],
        sign: secrets[3],
        item_id: '61234567890',
      }),
      cacheKey('aop', 'com.alibaba.product/alibaba.product.get', {
        productID: '61234567890',
        access_token: secrets[1],
        _aop_timestamp: 1795428000000,
        _aop_signature: secrets[3],
      }),
      cacheKey('onebound', 'item_get_pro', { key: secrets[0], secret: secrets[4], num_iid: '610947572360' }),
    ];
    for (const key of calls) await withCache(cache, key, 60_000, async () => '{"ok":true}');
    const stored = await keysUnder(client, PREFIX);
    expect(stored).toHaveLength(3);
    for (const key of stored) {
      for (const secret of [...secrets, '2026-11-23', '1795428000000']) expect(key).not.toContain(secret);
      expect(key).toMatch(/:[0-9a-f]{64}$/);
    }
    for (const key of calls) await cache.delete(key);
  });

  it('shares one load among 10 concurrent misses and stores only successes', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return 'loaded';
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => withCache(cache, 'flight', 60_000, load)));
    expect(results).toEqual(Array(10).fill('loaded'));
    expect(loads).toBe(1);
    await expect(withCache(cache, 'failing', 60_000, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await client.exists(`${PREFIX}failing`)).toBe(0);
  });

  it('closes a client it created itself, and never one it was given', async () => {
    const own = new RedisCache(TEST_REDIS_URL, { prefix: PREFIX });
    await own.set('own', 'v', 60_000);
    expect(await own.get('own')).toBe('v');
    await own.close();
    await expect(own.get('own')).rejects.toThrow(/closed/i);
    await cache.close();
    expect(client.status).toBe('ready');
    expect(await cache.get('own')).toBe('v');
  });
});
