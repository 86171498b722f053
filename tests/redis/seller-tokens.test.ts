/**
 * Sellers' tokens in Redis (issue 14 item 7): the RedisTokenStore's lock (SET NX PX with an owner
 * token, released by compare-and-delete), and one refresh for a seller however many clients and
 * processes need it at once — the sandbox's OAuth endpoint sees exactly one. Keys live under a
 * prefix unique to this run and are deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { OpenClient } from '../../src/index';
import { RedisTokenStore } from '../../src/auth/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { TEST_REDIS_URL, clusterNodes, describeWithCluster, describeWithRedis } from '../support/redis';
import { startWorker } from '../support/quota-workers';

const PREFIX = `open1688:test:tokens:${randomUUID()}:`;
const PRODUCT = 'com.alibaba.product/alibaba.product.get';
const OAUTH = 'system.oauth2/getToken';
const STALE = 'stale-token-of-member-a';

describeWithRedis('RedisTokenStore', () => {
  let redis: Redis;
  let sandbox: Sandbox;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    sandbox = await startSandbox({ limits: false });
  });

  beforeEach(() => sandbox.reset());

  afterAll(async () => {
    for (const close of closers) await close();
    await sandbox.close();
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  function store(prefix = PREFIX): RedisTokenStore {
    const made = new RedisTokenStore(TEST_REDIS_URL, { prefix });
    closers.push(() => made.close());
    return made;
  }

  const refreshes = () => sandbox.log.filter((entry) => entry.api === OAUTH).length;

  it('keeps each seller under its own key', async () => {
    const s = store(`${PREFIX}kv:`);
    await s.set('member-a', { accessToken: 'a-token', refreshToken: 'a-refresh', expiresAt: 123 });
    expect(await s.get('member-a')).toEqual({ accessToken: 'a-token', refreshToken: 'a-refresh', expiresAt: 123 });
    expect(await s.get('member-b')).toBeUndefined();
    expect(await redis.keys(`${PREFIX}kv:*`)).toEqual([`${PREFIX}kv:tokens:member-a`]);
  });

  it('the lock: one holder; a release after the lock lapsed never frees the next holder', async () => {
    const prefix = `${PREFIX}lock:`;
    const a = store(prefix);
    const b = store(prefix);
    // Both connected first: a slow first connection must not outlast the lock under test.
    await Promise.all([a.get('warm-up'), b.get('warm-up')]);
    const first = await a.lock('member-a', 1_000);
    expect(first).toBeDefined();
    expect(await b.lock('member-a', 1_000)).toBeUndefined();
    expect(await b.lock('member-b', 1_000)).toBeDefined(); // another seller: another lock
    // The first holder's lock lapses (Redis expires it)…
    for (let i = 0; i < 100 && (await redis.exists(`${prefix}lock:member-a`)) === 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = await b.lock('member-a', 10_000);
    expect(second).toBeDefined();
    await first?.(); // …and its late release must not delete the second holder's lock
    expect(await a.lock('member-a', 1_000)).toBeUndefined();
    await second?.();
    expect(await a.lock('member-a', 1_000)).toBeDefined();
  });

  it('several clients sharing the store, many calls each: one refresh, written back, lock given back', async () => {
    const prefix = `${PREFIX}clients:`;
    await store(prefix).set('member-a', { accessToken: STALE, refreshToken: SANDBOX_DEFAULTS.refreshToken });
    const clients = Array.from({ length: 4 }, () => {
      const client = new OpenClient({
        dialect: 'aop',
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        baseUrl: sandbox.urls.aop,
        limits: false,
        tokenStore: store(prefix), // each its own connection, as separate processes would have
      });
      closers.push(() => client.close());
      return client;
    });
    await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: 6 }, () => client.call(PRODUCT, { productID: '610947572360' }, { seller: 'member-a' })),
      ),
    );
    expect(refreshes()).toBe(1);
    expect(sandbox.log.filter((entry) => entry.api === PRODUCT && entry.outcome === 'ok')).toHaveLength(24);
    const stored = await store(prefix).get('member-a');
    expect(stored?.accessToken).not.toBe(STALE);
    expect(await redis.exists(`${prefix}lock:member-a`)).toBe(0);
  });

  it('three processes needing the refresh at once: the OAuth endpoint sees exactly one', async () => {
    const prefix = `${PREFIX}processes:`;
    await store(prefix).set('member-a', { accessToken: STALE, refreshToken: SANDBOX_DEFAULTS.refreshToken });
    const job = { url: sandbox.urls.aop, redis: TEST_REDIS_URL, prefix, seller: 'member-a', calls: 5 };
    const workers = Array.from({ length: 3 }, () =>
      startWorker(join(__dirname, 'fixtures', 'seller-refresh-worker.ts'), job, 60_000),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const done = await Promise.all(workers.map((worker) => worker.done));
    expect(done).toEqual([{ sent: 5 }, { sent: 5 }, { sent: 5 }]);
    expect(refreshes()).toBe(1);
    expect((await store(prefix).get('member-a'))?.accessToken).not.toBe(STALE);
  }, 60_000);
});

describeWithCluster('RedisTokenStore on a Redis Cluster', () => {
  let cluster: Cluster;
  const prefix = `open1688:test:tokens:${randomUUID()}:`;

  beforeAll(() => {
    cluster = new Cluster(clusterNodes());
  });

  afterAll(async () => {
    // A seller's token key and lock key may live on different masters: delete each on its own.
    for (const seller of ['member-a', 'member-b', 'member-c']) {
      await cluster.del(`${prefix}tokens:${seller}`);
      await cluster.del(`${prefix}lock:${seller}`);
    }
    await cluster.quit();
  });

  it('keeps tokens and takes, refuses and gives back locks on any master', async () => {
    const store = new RedisTokenStore(cluster, { prefix });
    for (const seller of ['member-a', 'member-b', 'member-c']) {
      await store.set(seller, { accessToken: `${seller}-token` });
      expect((await store.get(seller))?.accessToken).toBe(`${seller}-token`);
      const release = await store.lock(seller, 10_000);
      expect(release).toBeDefined();
      expect(await store.lock(seller, 10_000)).toBeUndefined();
      await release?.();
      expect(await cluster.exists(`${prefix}lock:${seller}`)).toBe(0);
    }
  });
});
