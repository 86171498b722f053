/**
 * The typed methods' response cache over the real Redis, against the sandbox: hit, expiry, single
 * flight, errors not cached, and no secret in any key. Keys live under a prefix unique to this run
 * and are deleted afterwards (never FLUSHALL: the Redis is shared).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { NotFoundError, RedisCache, type OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { TEST_REDIS_URL, describeWithRedis } from '../support/redis';
import { sandboxClient, SEED_SHOP, type DialectName } from '../support/sandbox-clients';

const PREFIX = `open1688:test:methods:${randomUUID()}:`;
// A second seller of the demo app.
const OTHER_TOKEN = 'another-sellers-access-token';
const OTHER_SESSION = 'another-sellers-session';

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

describeWithRedis('response cache over Redis (sandbox)', () => {
  let redis: Redis;
  let store: RedisCache;
  let sandbox: Sandbox;
  const made: OpenClient[] = [];

  function client(dialect: DialectName, ttlMs = 60_000): OpenClient {
    const c = sandboxClient(sandbox, dialect, { limits: false, responseCache: { store, ttlMs } });
    made.push(c);
    return c;
  }

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    store = new RedisCache(redis, { prefix: PREFIX });
    // No limits on either side: these tests count requests, methods-shop-limits.test.ts checks the limits.
    sandbox = await startSandbox({
      limits: false,
      apps: [
        {
          appKey: SANDBOX_DEFAULTS.appKey,
          appSecret: SANDBOX_DEFAULTS.appSecret,
          accessTokens: [SANDBOX_DEFAULTS.accessToken, OTHER_TOKEN],
          sessions: [SANDBOX_DEFAULTS.session, OTHER_SESSION],
          refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
        },
      ],
    });
  });

  afterAll(async () => {
    await Promise.all(made.map((c) => c.close()));
    await sandbox.close();
    const leftovers = await keysUnder(redis, PREFIX);
    if (leftovers.length > 0) await redis.del(...leftovers);
    await redis.quit();
  });

  it.each(['top', 'aop', 'onebound'] as const)('%s: a second client sharing the store hits it', async (dialect) => {
    sandbox.reset();
    const first = await client(dialect).getItem('610947572360');
    const second = await client(dialect).getItem('610947572360');
    expect(second).toEqual(first);
    expect(sandbox.log).toHaveLength(1);
  });

  it('expiry: after ttlMs Redis has dropped the entry and the call is made again', async () => {
    sandbox.reset();
    const c = client('top', 100);
    await c.searchShopItems({ sellerNick: SEED_SHOP, page: 2 });
    await c.searchShopItems({ sellerNick: SEED_SHOP, page: 2 });
    expect(sandbox.log).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await c.searchShopItems({ sellerNick: SEED_SHOP, page: 2 });
    expect(sandbox.log).toHaveLength(2);
  });

  it('10 concurrent identical calls: 1 request in the sandbox log', async () => {
    sandbox.reset();
    const c = client('onebound');
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => c.searchShopItems({ sellerNick: SEED_SHOP, sort: 'sale', pageSize: 100 })),
    );
    expect(pages.every((p) => p.items.length === 100)).toBe(true);
    expect(sandbox.log).toHaveLength(1);
  });

  it('errors are not cached', async () => {
    sandbox.reset();
    const c = client('aop');
    await expect(c.getItem('1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(c.getItem('1')).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.log).toHaveLength(2);
  });

  it('ids above 2^53 read back from Redis exact', async () => {
    const first = await client('top').searchShopItems({ sellerNick: SEED_SHOP, page: 3 });
    const again = await client('top').searchShopItems({ sellerNick: SEED_SHOP, page: 3 });
    const big = first.items.filter((i) => BigInt(i.id) > BigInt(Number.MAX_SAFE_INTEGER));
    expect(big.length).toBeGreaterThan(0);
    expect(again.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
  });

  it('no secret, session, token or signature in any key written', async () => {
    await client('top').getQianniuItems({ page: 1 });
    const keys = await keysUnder(redis, PREFIX);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const secrets = Object.values(SANDBOX_DEFAULTS).filter((v) => v !== SANDBOX_DEFAULTS.appKey);
    for (const key of keys) {
      expect(key.slice(PREFIX.length)).toMatch(/^(top|aop|onebound):[\w./]+:[0-9a-f]{64}$/);
      for (const secret of secrets) expect(key).not.toContain(secret);
    }
  });

  it("two sellers through one client and one Redis cache never see each other's answers", async () => {
    sandbox.reset();
    const aop = client('aop');
    const top = client('top');
    for (const accessToken of [SANDBOX_DEFAULTS.accessToken, OTHER_TOKEN, SANDBOX_DEFAULTS.accessToken, OTHER_TOKEN]) {
      await aop.getItem('61234567890', undefined, { accessToken });
    }
    for (const session of [SANDBOX_DEFAULTS.session, OTHER_SESSION, SANDBOX_DEFAULTS.session, OTHER_SESSION]) {
      await top.getQianniuItems({ page: 2 }, { session });
    }
    // Each seller asked the gateway once and then hit only their own entry.
    expect(sandbox.log.map((entry) => entry.api)).toEqual([
      'com.alibaba.product/alibaba.product.get',
      'com.alibaba.product/alibaba.product.get',
      'taobao.qianniu.item.get',
      'taobao.qianniu.item.get',
    ]);
    const keys = await keysUnder(redis, PREFIX);
    for (const key of keys) for (const secret of [OTHER_TOKEN, OTHER_SESSION]) expect(key).not.toContain(secret);
  });
});
