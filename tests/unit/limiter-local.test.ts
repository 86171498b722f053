import Bottleneck from 'bottleneck';
import { performance } from 'node:perf_hooks';
import { RateLimitError } from '../../src/errors';
import {
  countWindowViolations,
  createScheduler,
  LimiterClosedError,
  maxInSlidingWindow,
  type RateLimitedEvent,
  UnlimitedScheduler,
  utilisation,
} from '../../src/limiter/index';
import { hit, startArrivalServer, type ArrivalServer } from '../support/arrival-server';

// 5 a second and 12 per 3 s: both limits bind (the long one after 12 calls), windows short enough to run in seconds.
const LIMITS = { qps: 5, perMinute: 12, qpsWindowMs: 1000, perMinuteWindowMs: 3000, maxConcurrent: 10 };
const RULES = [
  { limit: LIMITS.qps, windowMs: LIMITS.qpsWindowMs },
  { limit: LIMITS.perMinute, windowMs: LIMITS.perMinuteWindowMs },
];
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `callers` concurrent loops that together make `total` calls through `run`. */
async function burst(callers: number, total: number, run: () => Promise<unknown>): Promise<void> {
  let left = total;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left > 0) {
        left--;
        await run();
      }
    }),
  );
}

describe('local limiter: exact sliding windows', () => {
  let server: ArrivalServer;
  beforeEach(async () => {
    server = await startArrivalServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('never lets a window at the server see more than the limits (50 concurrent callers)', async () => {
    const limiter = createScheduler({ appKey: 'app-1', limits: LIMITS });
    // Started 700 ms into a would-be fixed window, as in the counter-test below.
    await sleep(700);
    await burst(50, 34, () => limiter.schedule(() => hit(server.url)));
    await limiter.close();
    expect(server.arrivals).toHaveLength(34);
    expect(countWindowViolations(server.arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(server.arrivals, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
    // The limits are reached, not just respected.
    expect(maxInSlidingWindow(server.arrivals, LIMITS.qpsWindowMs)).toBe(LIMITS.qps);
    expect(maxInSlidingWindow(server.arrivals, LIMITS.perMinuteWindowMs)).toBe(LIMITS.perMinute);
  }, 20_000);

  it('a plain fixed-window reservoir (refreshed every window) does break the sliding window', async () => {
    const plain = new Bottleneck({
      reservoir: LIMITS.qps,
      reservoirRefreshAmount: LIMITS.qps,
      reservoirRefreshInterval: LIMITS.qpsWindowMs,
    });
    await sleep(700);
    await burst(50, 10, () => plain.schedule(() => hit(server.url)));
    await plain.stop();
    // 5 at ~700 ms and 5 right after the refresh at ~1000 ms: 10 in one second.
    expect(maxInSlidingWindow(server.arrivals, LIMITS.qpsWindowMs)).toBe(10);
    expect(countWindowViolations(server.arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBeGreaterThan(0);
  });

  it('uses at least 98% of the allowed rate at saturation', async () => {
    const limiter = createScheduler({ appKey: 'app-1', limits: LIMITS });
    const starts: number[] = [];
    await burst(50, 41, () => limiter.schedule(async () => void starts.push(now())));
    await limiter.close();
    expect(countWindowViolations(starts, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(starts, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
    // 41 calls: a perfect limiter needs 6 s (12 + 12 + 12 + 5); we may lose a few ms per window.
    expect(utilisation(starts, RULES)).toBeGreaterThanOrEqual(0.98);
  }, 20_000);
});

describe('local limiter: queue, priorities, pause, close', () => {
  it('fails at once with a local RateLimitError when maxQueued calls already wait', async () => {
    const events: RateLimitedEvent[] = [];
    const limiter = createScheduler({
      appKey: 'app-q',
      limits: { qps: 1, perMinute: 10, maxQueued: 2 },
      onRateLimited: (event) => events.push(event),
    });
    const first = limiter.schedule(async () => 'first'); // runs: takes the only unit
    await expect(first).resolves.toBe('first');
    const waiting = [limiter.schedule(async () => 'a'), limiter.schedule(async () => 'b')].map((call) =>
      expect(call).rejects.toBeInstanceOf(LimiterClosedError),
    );
    const refused = limiter.schedule(async () => 'c');
    await expect(refused).rejects.toBeInstanceOf(RateLimitError);
    await expect(refused).rejects.toMatchObject({ local: true, code: 'local-queue-full' });
    expect(events).toEqual([expect.objectContaining({ appKey: 'app-q', source: 'queue-full' })]);
    await limiter.close();
    await Promise.all(waiting);
  });

  it('runs waiting calls by priority (0 first)', async () => {
    const limiter = createScheduler({ appKey: 'app-p', limits: { qps: 1, qpsWindowMs: 200, perMinute: 100 } });
    const order: string[] = [];
    await limiter.schedule(async () => order.push('warm-up'));
    const calls = [
      limiter.schedule(async () => order.push('low'), { priority: 9 }),
      limiter.schedule(async () => order.push('normal')),
      limiter.schedule(async () => order.push('high'), { priority: 0 }),
    ];
    await Promise.all(calls);
    await limiter.close();
    expect(order).toEqual(['warm-up', 'high', 'normal', 'low']);
  });

  it('pauses the whole client after a gateway rate-limit answer, and reports it', async () => {
    const events: RateLimitedEvent[] = [];
    const warnings: unknown[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (obj: unknown) => warnings.push(obj) };
    const limiter = createScheduler({
      appKey: 'app-r',
      limits: { qps: 100, perMinute: 1000 },
      logger,
      onRateLimited: (event) => events.push(event),
    });
    const pausedAt = Date.now();
    limiter.pauseFor(400);
    const starts = await Promise.all([1, 2, 3].map(() => limiter.schedule(async () => Date.now())));
    await limiter.close();
    for (const start of starts) expect(start - pausedAt).toBeGreaterThanOrEqual(395);
    expect(events).toEqual([expect.objectContaining({ appKey: 'app-r', source: 'gateway', pauseMs: 400 })]);
    expect(warnings).toHaveLength(1);
  });

  it('passes results and errors of the task through unchanged', async () => {
    const limiter = createScheduler({ appKey: 'app-e', limits: {} });
    const failure = new Error('boom');
    await expect(limiter.schedule(async () => 42)).resolves.toBe(42);
    await expect(limiter.schedule(() => Promise.reject(failure))).rejects.toBe(failure);
    await limiter.close();
  });

  it('close() rejects calls not yet sent, lets running calls finish, and refuses new ones', async () => {
    const limiter = createScheduler({ appKey: 'app-c', limits: { qps: 2, perMinute: 100 } });
    let release: () => void = () => {};
    const running = limiter.schedule(() => new Promise<string>((resolve) => (release = () => resolve('done'))));
    const second = limiter.schedule(async () => 'second'); // takes the other unit
    const queued = Array.from({ length: 5 }, () =>
      expect(limiter.schedule(async () => 'never')).rejects.toThrow(/closed before this call was sent/),
    );
    await expect(second).resolves.toBe('second');
    const closing = limiter.close();
    await Promise.all(queued);
    release();
    await expect(running).resolves.toBe('done');
    await closing;
    await expect(limiter.schedule(async () => 1)).rejects.toBeInstanceOf(LimiterClosedError);
  });

  it('an aborted call leaves the queue without being sent', async () => {
    const limiter = createScheduler({ appKey: 'app-a', limits: { qps: 1, perMinute: 100, qpsWindowMs: 300 } });
    await limiter.schedule(async () => 1);
    const controller = new AbortController();
    let sent = false;
    const call = limiter.schedule(async () => (sent = true), { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expect(call).rejects.toThrow('user gave up');
    await limiter.close();
    expect(sent).toBe(false);
  });

  it('limits: false gives the unlimited scheduler', () => {
    expect(createScheduler({ appKey: 'x', limits: false })).toBeInstanceOf(UnlimitedScheduler);
  });
});
