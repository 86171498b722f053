import { join } from 'node:path';
import { Redis } from 'ioredis';
import { countWindowViolations, createScheduler, maxInSlidingWindow, utilisation } from '../../src/limiter/index';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { startWorker } from '../support/quota-workers';
import { describeWithRedis, TEST_REDIS_URL } from '../support/redis';

const LIMITS = { qps: 5, perMinute: 12, qpsWindowMs: 1000, perMinuteWindowMs: 3000, maxConcurrent: 10 };
const RULES = [
  { limit: LIMITS.qps, windowMs: LIMITS.qpsWindowMs },
  { limit: LIMITS.perMinute, windowMs: LIMITS.perMinuteWindowMs },
];
const WORKER = join(__dirname, 'fixtures', 'shared-worker.ts');

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  const keys = await redis.keys(pattern);
  if (keys.length > 0) await redis.del(...keys);
}

describeWithRedis('shared limiter: 3 processes, one quota through Redis', () => {
  let sandbox: Sandbox;
  let redis: Redis;
  const id = `test-shared-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    const { qps, perMinute, qpsWindowMs, perMinuteWindowMs } = LIMITS;
    sandbox = await startSandbox({ limits: { qps, perMinute, qpsWindowMs, perMinuteWindowMs } });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(redis, `*${id}*`);
    await redis.quit();
    await sandbox.close();
  });

  it('0 sliding-window violations, >= 95% utilisation, every process exits with its connections closed', async () => {
    const job = { url: sandbox.urls.top, redis: TEST_REDIS_URL, id, calls: 8, limits: LIMITS };
    // Three hosts whose clocks disagree by seconds: the reservoirs never read a wall clock.
    const workers = [job, { ...job, skewMs: 2500 }, { ...job, skewMs: -2500 }].map((j) =>
      startWorker(WORKER, j, 30_000),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const results = await Promise.all(workers.map((worker) => worker.done));
    expect(results.map((r) => r?.sent)).toEqual([8, 8, 8]);
    // Judged by the sandbox's own log: no refusal, no window over the limits.
    expect(sandbox.log).toHaveLength(24);
    expect(sandbox.log.filter((entry) => entry.outcome !== 'ok')).toEqual([]);
    const log = sandbox.log.map((entry) => entry.arrivalMs);
    expect(countWindowViolations(log, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(log, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
    const used = utilisation(log, RULES);
    console.log(
      `3 processes: ${log.length} requests, fullest windows ${maxInSlidingWindow(log, LIMITS.qpsWindowMs)}/` +
        `${LIMITS.qps} and ${maxInSlidingWindow(log, LIMITS.perMinuteWindowMs)}/${LIMITS.perMinute}, ` +
        `utilisation ${(used * 100).toFixed(1)}%`,
    );
    expect(used).toBeGreaterThanOrEqual(0.95);
  }, 40_000);

  it('holds one named connection while open and none after close()', async () => {
    const own = `${id}-close`;
    const named = async () =>
      String(await redis.client('LIST'))
        .split('\n')
        .filter((line) => line.includes(`name=open1688-limiter:${own} `)).length;
    const limiter = createScheduler({ appKey: 'close-app', limits: { ...LIMITS, redis: TEST_REDIS_URL, id: own } });
    await limiter.schedule(async () => 'ok');
    expect(await named()).toBe(1); // scripts only: no pub/sub since the log lives in Redis
    await limiter.close();
    expect(await named()).toBe(0);
  });
});
