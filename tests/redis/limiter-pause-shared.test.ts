/**
 * A gateway pause is the quota's, not the process's: another process that saw "too many" pauses every
 * process of the app key through Redis, capped by its `maxPauseMs`. Here a call that may not wait as
 * long fails at once with RateLimitError (what is left of the pause), and a patient one waits it out.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { RateLimitError } from '../../src/errors';
import { createScheduler } from '../../src/limiter/index';
import { describeWithRedis, TEST_REDIS_URL } from '../support/redis';

const run = promisify(execFile);
const now = (): number => performance.timeOrigin + performance.now();

describeWithRedis('a pause shared through Redis', () => {
  const id = `pause-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`*${id}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("another process's 27-hour Retry-After pauses this one for maxPauseMs, and calls that cannot wait fail at once", async () => {
    const limits = { redis: TEST_REDIS_URL, id, maxPauseMs: 2500 };
    const limiter = createScheduler({ appKey: 'pause-app', limits });
    await limiter.schedule(async () => undefined);
    const job = { appKey: 'pause-app', ms: 99_999_000, limits };
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      join(__dirname, 'fixtures', 'pause-worker.ts'),
      JSON.stringify(job),
    ]);
    expect(stdout).toContain('paused');
    const pausedBy = now();
    try {
      const started = now();
      const impatient = limiter.schedule(async () => 'sent', { maxWaitMs: 300 });
      await expect(impatient).rejects.toBeInstanceOf(RateLimitError);
      const error = (await impatient.catch((e: unknown) => e)) as RateLimitError;
      expect(error).toMatchObject({ local: true, code: 'paused' });
      expect(now() - started).toBeLessThan(200);
      expect(error.retryAfterMs).toBeGreaterThan(300);
      expect(error.retryAfterMs).toBeLessThanOrEqual(2500);
      // A patient call waits for the end of the capped pause, no longer.
      await expect(limiter.schedule(async () => 'sent')).resolves.toBe('sent');
      expect(now() - pausedBy).toBeGreaterThan(error.retryAfterMs! - 300);
      expect(now() - pausedBy).toBeLessThan(2500 + 300);
    } finally {
      await limiter.close();
    }
  }, 20_000);
});
