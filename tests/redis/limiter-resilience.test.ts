/**
 * A running shared limiter against a redis-server of its own (spare port, no persistence): it must
 * survive FLUSHALL, its keys expiring after an idle period, and a Redis restart, and fail with a clear
 * error while Redis is down. The arrival log of all phases together must never break a window.
 */
import { type ChildProcess } from 'node:child_process';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import {
  countWindowViolations,
  createScheduler,
  LimiterUnavailableError,
  type CallScheduler,
} from '../../src/limiter/index';
import { hit, startArrivalServer, type ArrivalServer } from '../support/arrival-server';
import { describeWithRedis } from '../support/redis';
import { sparePort, startRedis, stopRedis } from '../support/redis-server';

const LIMITS = {
  qps: 5,
  perMinute: 10,
  qpsWindowMs: 500,
  perMinuteWindowMs: 1500,
  redisLeaseMs: 500,
  redisTimeoutMs: 500,
};
// The limiter's keys live one long window plus a lease and a second after the last write.
const KEY_TTL_MS = LIMITS.perMinuteWindowMs + LIMITS.redisLeaseMs + 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('shared limiter resilience (own redis-server)', () => {
  let port: number;
  let redisServer: ChildProcess;
  let admin: Redis;
  let server: ArrivalServer;
  let limiter: CallScheduler;

  const calls = (n: number) => Promise.all(Array.from({ length: n }, () => limiter.schedule(() => hit(server.url))));

  beforeAll(async () => {
    port = await sparePort();
    redisServer = await startRedis(port);
    admin = new Redis({ port, retryStrategy: () => 50 });
    server = await startArrivalServer();
    limiter = createScheduler({
      appKey: 'resilient-app',
      limits: { ...LIMITS, redis: `redis://127.0.0.1:${port}`, id: 'resilience' },
    });
  });

  afterAll(async () => {
    await limiter.close();
    admin.disconnect();
    await stopRedis(redisServer);
    await server.close();
  });

  it('keeps working across FLUSHALL, idle key expiry and a restart, within the limits', async () => {
    await calls(10);
    expect(server.arrivals).toHaveLength(10);

    // FLUSHALL while the units of those calls are still out.
    await admin.flushall();
    await calls(10);
    expect(server.arrivals).toHaveLength(20);

    // The scripts vanish (as after a restart or SCRIPT FLUSH): ioredis 5 resends them, calls go on.
    await admin.script('FLUSH');
    await calls(5);
    expect(server.arrivals).toHaveLength(25);

    // Idle longer than the key TTL: the keys expire (so dead limiters do not linger), then calls go on.
    await sleep(KEY_TTL_MS + 500);
    expect(await admin.keys('*')).toEqual([]);
    await calls(10);
    expect(server.arrivals).toHaveLength(35);

    // Redis goes away: a clear error, no call is sent unlimited.
    await stopRedis(redisServer);
    const down = limiter.schedule(() => hit(server.url));
    await expect(down).rejects.toBeInstanceOf(LimiterUnavailableError);
    await expect(down).rejects.toThrow(/unreachable|failed/);
    expect(server.arrivals).toHaveLength(35);

    // Back (empty, its scripts gone): calls resume.
    redisServer = await startRedis(port);
    await calls(10);
    expect(server.arrivals).toHaveLength(45);

    expect(countWindowViolations(server.arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(server.arrivals, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
  }, 30_000);

  it('(why the shared quota left Bottleneck clustering) plain Bottleneck 2.19.5 on Redis 7 stays broken after its keys are gone', async () => {
    const plain = new Bottleneck({
      id: 'plain-trap',
      datastore: 'ioredis',
      clientOptions: { port },
      Redis,
      reservoir: 100,
    });
    await plain.ready();
    await expect(plain.schedule(async () => 'ok')).resolves.toBe('ok');
    await admin.flushall();
    // Its self-healing looks for "SETTINGS_KEY_NOT_FOUND", Redis 7 says "ERR SETTINGS_KEY_NOT_FOUND".
    await expect(plain.schedule(async () => 'ok')).rejects.toThrow(/^ERR SETTINGS_KEY_NOT_FOUND/);
    await expect(plain.schedule(async () => 'ok')).rejects.toThrow(/SETTINGS_KEY_NOT_FOUND/);
    await plain.disconnect();
  });
});
