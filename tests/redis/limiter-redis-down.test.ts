/**
 * Redis unreachable, against a redis-server of the test's own that is stopped and started again:
 * with `onRedisDown: 'fail'` a waiting call fails within `redisTimeoutMs` with
 * `LimiterUnavailableError` and nothing is sent; with `onRedisDown: 'local'` calls go on at
 * `localShare` of the quota (logged once) and the shared quota resumes when Redis is back (logged once).
 */
import { type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { countWindowViolations, createScheduler, LimiterUnavailableError } from '../../src/limiter/index';
import type { Logger } from '../../src/logger';
import { hit, startArrivalServer, type ArrivalServer } from '../support/arrival-server';
import { describeWithRedis } from '../support/redis';
import { sparePort, startRedis, stopRedis } from '../support/redis-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.timeOrigin + performance.now();

function recordingLogger(): Logger & { lines: Array<{ level: string; message: string; at: number }> } {
  const lines: Array<{ level: string; message: string; at: number }> = [];
  const at = (level: string) => (_object: Record<string, unknown>, message?: string) =>
    lines.push({ level, message: message ?? '', at: now() });
  return { lines, debug: () => {}, info: at('info'), warn: at('warn'), error: at('error') };
}

describeWithRedis('shared quota while Redis is down (own redis-server)', () => {
  let port: number;
  let redisServer: ChildProcess;
  let server: ArrivalServer;
  const id = `redis-down-${process.pid}`;

  beforeAll(async () => {
    port = await sparePort();
    redisServer = await startRedis(port);
    server = await startArrivalServer();
  });
  afterAll(async () => {
    await stopRedis(redisServer);
    await server.close();
  });

  it("onRedisDown 'fail': waiting calls fail within redisTimeoutMs, nothing is sent, calls resume when it is back", async () => {
    const limits = { qps: 5, qpsWindowMs: 500, perMinute: 100, perMinuteWindowMs: 1500, redisLeaseMs: 500 };
    const limiter = createScheduler({
      appKey: 'down-fail',
      limits: { ...limits, redis: `redis://127.0.0.1:${port}`, id, redisTimeoutMs: 1000 },
    });
    try {
      await Promise.all(Array.from({ length: 3 }, () => limiter.schedule(() => hit(server.url))));
      await stopRedis(redisServer);
      const started = now();
      const failed = await Promise.allSettled(Array.from({ length: 8 }, () => limiter.schedule(() => hit(server.url))));
      const elapsed = now() - started;
      expect(failed.map((r) => r.status === 'rejected' && r.reason instanceof LimiterUnavailableError)).toEqual(
        Array(8).fill(true),
      );
      expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'limiter-unavailable',
        message: expect.stringMatching(/Redis at 127\.0\.0\.1:\d+ has been unreachable for 1000 ms/),
      });
      expect(elapsed).toBeGreaterThanOrEqual(950);
      expect(elapsed).toBeLessThan(1700);
      expect(server.arrivals).toHaveLength(3);

      redisServer = await startRedis(port);
      // A restarted Redis lost the log: the quota first waits out a quarantine (long window + lease).
      await Promise.all(Array.from({ length: 3 }, () => limiter.schedule(() => hit(server.url))));
      expect(server.arrivals).toHaveLength(6);
    } finally {
      await limiter.close();
    }
  }, 20_000);

  it("onRedisDown 'local': calls go on at localShare of the quota, logged once, and the shared quota resumes", async () => {
    const logger = recordingLogger();
    const limits = { qps: 4, qpsWindowMs: 500, perMinute: 1000, perMinuteWindowMs: 3000, redisLeaseMs: 500 };
    const limiter = createScheduler({
      appKey: 'down-local',
      logger,
      limits: {
        ...limits,
        redis: `redis://127.0.0.1:${port}`,
        id,
        redisTimeoutMs: 500,
        onRedisDown: 'local',
        localShare: 0.5,
      },
    });
    const startedAt = now(); // the server also logged the previous test's calls, of another quota
    let running = true;
    const loops = Array.from({ length: 6 }, async () => {
      while (running) await limiter.schedule(() => hit(server.url));
    });
    let stoppedAt = 0;
    try {
      await sleep(1200);
      await stopRedis(redisServer);
      stoppedAt = now();
      await sleep(2500);
      redisServer = await startRedis(port);
      const admin = new Redis({ port });
      // Back within ioredis's reconnection delay; then the next admission carries the local log over.
      for (let i = 0; i < 50 && (await admin.keys(`*${id}*`)).length === 0; i++) await sleep(100);
      await sleep(2000);
      expect((await admin.keys(`*down-local:${id}*`)).length).toBeGreaterThan(0);
      admin.disconnect();
    } finally {
      running = false;
      await Promise.all(loops);
      await limiter.close();
    }
    // Judged by arrival at the server, around the moments the limiter switched (its log lines);
    // calls admitted by Redis just before the stop arrive within ms of it.
    const switchedAt = (pattern: RegExp) => logger.lines.find((line) => pattern.test(line.message))?.at ?? 0;
    const localAt = switchedAt(/local limit/);
    const backAt = switchedAt(/shared quota resumes/);
    expect(localAt - stoppedAt).toBeGreaterThanOrEqual(400);
    const arrivals = {
      down: server.arrivals.filter((t) => t > stoppedAt + 100 && t < backAt),
      back: server.arrivals.filter((t) => t >= backAt),
    };
    // Down: at most 2 (half of 4) per 500 ms, and calls did go on.
    expect(countWindowViolations(arrivals.down, 500, 2)).toBe(0);
    expect(arrivals.down.length).toBeGreaterThanOrEqual(6);
    // Back: the full quota again, never more.
    expect(
      countWindowViolations(
        server.arrivals.filter((t) => t >= startedAt),
        500,
        4,
      ),
    ).toBe(0);
    expect(arrivals.back.length).toBeGreaterThanOrEqual(12);
    const fallbacks = logger.lines.filter((line) => line.level === 'warn' && /local limit/.test(line.message));
    const resumed = logger.lines.filter((line) => line.level === 'info' && /shared quota resumes/.test(line.message));
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]!.message).toMatch(/2 per 500 ms and 500 per 3000 ms/);
    expect(resumed).toHaveLength(1);
  }, 20_000);
});
