/**
 * The shared quota and the Redis cache on a real local Redis Cluster (three masters, started by
 * scripts/redis-cluster.sh): the keys of one quota hash to one slot, two processes sharing a quota
 * through the cluster keep both windows at the sandbox, and the cache reads and writes keys that
 * spread over every master.
 */
import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { countWindowViolations, createScheduler, maxInSlidingWindow } from '../../src/limiter/index';
import { quotaKeys } from '../../src/limiter/redis-scripts';
import { RedisCache } from '../../src/index';
import { startSandbox } from '../../src/sandbox';
import { DEMO } from '../integration/sandbox/http';
import { startQuotaWorker } from '../support/quota-workers';
import { clusterNodes, describeWithCluster, TEST_REDIS_CLUSTER } from '../support/redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithCluster('Redis Cluster (three local masters)', () => {
  let cluster: Cluster;
  const run = `${process.pid}-${Date.now()}`;

  beforeAll(() => {
    cluster = new Cluster(clusterNodes());
  });
  afterAll(async () => {
    try {
      for (const node of cluster.nodes('master')) {
        // One DEL per key: a multi-key DEL must stay within one slot, even on one node.
        await Promise.all((await node.keys(`*${run}*`)).map((key) => node.del(key)));
      }
    } finally {
      await cluster.quit();
    }
  });

  it('puts every key of one quota in one hash slot, whatever the app key and id contain', async () => {
    for (const [appKey, id] of [
      ['12345678', 'default'],
      ['app{with}braces', `id}{${run}`],
    ] as const) {
      const slots = await Promise.all(
        quotaKeys(appKey, id, [1000, 60_000]).map((key) => cluster.cluster('KEYSLOT', key) as Promise<number>),
      );
      expect(new Set(slots).size).toBe(1);
    }
  });

  it('two processes share one quota through the cluster: 0 violations at the sandbox', async () => {
    const limits = { qps: 10, perMinute: 25, qpsWindowMs: 1000, perMinuteWindowMs: 3000 };
    const sandbox = await startSandbox({ limits });
    try {
      const job = {
        url: sandbox.urls.top,
        redis: `cluster:${TEST_REDIS_CLUSTER}`,
        id: `cluster-${run}`,
        limits,
        callers: 10,
      };
      const workers = [startQuotaWorker(job), startQuotaWorker(job)];
      await Promise.all(workers.map((w) => w.ready));
      workers.forEach((w) => w.go());
      // Past the first long window, so that both windows bind.
      await sleep(4500);
      workers.forEach((w) => w.stop());
      const results = await Promise.all(workers.map((w) => w.done));
      const arrivals = sandbox.log.filter((e) => e.appKey === DEMO.appKey).map((e) => e.arrivalMs);
      expect(results.every((r) => (r?.sent ?? 0) > 0)).toBe(true);
      expect(sandbox.log.filter((e) => e.outcome !== 'ok')).toEqual([]);
      expect(countWindowViolations(arrivals, 1000, limits.qps)).toBe(0);
      expect(countWindowViolations(arrivals, 3000, limits.perMinute)).toBe(0);
      expect(maxInSlidingWindow(arrivals, 1000)).toBe(limits.qps);
      expect(maxInSlidingWindow(arrivals, 3000)).toBe(limits.perMinute);
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('a scheduler given a Cluster duplicates it: closing the scheduler leaves the client of the caller open', async () => {
    const limiter = createScheduler({ appKey: 'cluster-own', limits: { redis: cluster, id: `own-${run}` } });
    await expect(limiter.schedule(async () => 'ok')).resolves.toBe('ok');
    await limiter.close();
    expect(cluster.status).toBe('ready');
    expect(await cluster.get(`nothing-${run}`)).toBeNull();
  });

  it('RedisCache reads, writes, expires and deletes keys spread over every master', async () => {
    const prefix = `open1688:test:cache:${run}:${randomUUID()}:`;
    const cache = new RedisCache(cluster, { prefix });
    const keys = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    await Promise.all(keys.map((key, i) => cache.set(key, `{"n":${i},"title":"纯棉短袖"}`, 60_000)));
    expect(await Promise.all(keys.map((key) => cache.get(key)))).toEqual(
      keys.map((_, i) => `{"n":${i},"title":"纯棉短袖"}`),
    );
    const perMaster = await Promise.all(cluster.nodes('master').map((node) => node.keys(`${prefix}*`)));
    expect(perMaster.every((found) => found.length > 0)).toBe(true);
    await cache.set('short', 'v', 80);
    await sleep(150);
    expect(await cache.get('short')).toBeUndefined();
    await Promise.all(keys.map((key) => cache.delete(key)));
    expect(await Promise.all(keys.map((key) => cache.get(key)))).toEqual(keys.map(() => undefined));
    await cache.close(); // a client passed in is the caller's: still open
    expect(cluster.status).toBe('ready');
  });
});
