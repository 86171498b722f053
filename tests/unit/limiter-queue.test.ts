/**
 * What a call costs while it waits: nothing when it is cancelled (aborted, `maxWaitMs` over, its
 * client closed), and how pauses bound every wait (`maxPauseMs`, `maxWaitMs` against a known pause).
 */
import { RateLimitError, TimeoutError } from '../../src/errors';
import { createScheduler, LimiterClosedError, type RateLimitedEvent } from '../../src/limiter/index';
import { MAX_TIMER_MS } from '../../src/limiter/scheduler';

const now = (): number => performance.timeOrigin + performance.now();
let appCounter = 0;
const freshApp = (): string => `queue-app-${process.pid}-${++appCounter}`;

describe('a call cancelled in the queue costs nothing', () => {
  it('at qps 5, after 40 calls whose maxWaitMs (400 ms) ran out, 5 fresh calls all go through within the next second', async () => {
    const limiter = createScheduler({ appKey: freshApp(), limits: { qps: 5, perMinute: 1000 } });
    const sent: number[] = [];
    const send = async (): Promise<void> => void sent.push(now());
    // The window is full: every queued call has to wait about a second.
    await Promise.all(Array.from({ length: 5 }, () => limiter.schedule(send)));
    const timedOut = await Promise.allSettled(
      Array.from({ length: 40 }, () => limiter.schedule(send, { maxWaitMs: 400 })),
    );
    expect(timedOut.every((r) => r.status === 'rejected' && r.reason instanceof TimeoutError)).toBe(true);
    expect(timedOut[0]).toMatchObject({ reason: { code: 'queue-timeout' } });
    expect(sent).toHaveLength(5);
    const freshAt = now();
    await Promise.all(Array.from({ length: 5 }, () => limiter.schedule(send)));
    await limiter.close();
    expect(sent).toHaveLength(10);
    // They wait only for the units of the first five (one window after those ran), nothing more.
    for (const at of sent.slice(5)) expect(at - freshAt).toBeLessThan(1000);
  }, 10_000);

  it('aborted calls and calls of a closed client give way to the next ones at once', async () => {
    const appKey = freshApp();
    const limits = { qps: 2, perMinute: 1000, qpsWindowMs: 500 };
    const first = createScheduler({ appKey, limits });
    const second = createScheduler({ appKey, limits });
    const sent: string[] = [];
    await Promise.all([first.schedule(async () => sent.push('w1')), first.schedule(async () => sent.push('w2'))]);
    const controller = new AbortController();
    const aborted = Array.from({ length: 10 }, () =>
      first.schedule(async () => sent.push('aborted'), { signal: controller.signal }),
    );
    const closed = Array.from({ length: 10 }, () => first.schedule(async () => sent.push('closed')));
    const later = [second.schedule(async () => sent.push('a')), second.schedule(async () => sent.push('b'))];
    controller.abort(new Error('gave up'));
    const closing = first.close();
    await Promise.all(aborted.map((call) => expect(call).rejects.toThrow('gave up')));
    await Promise.all(closed.map((call) => expect(call).rejects.toBeInstanceOf(LimiterClosedError)));
    const startedAt = now();
    await Promise.all(later);
    await closing;
    await second.close();
    expect(sent).toEqual(['w1', 'w2', 'a', 'b']);
    // One window after the warm-up calls, not twenty units later.
    expect(now() - startedAt).toBeLessThan(700);
  });
});

describe('pauses are bounded and known pauses fail calls that cannot wait', () => {
  it('caps a pause at limits.maxPauseMs before anything waits', async () => {
    const events: RateLimitedEvent[] = [];
    const limiter = createScheduler({
      appKey: freshApp(),
      limits: { maxPauseMs: 300 },
      onRateLimited: (event) => events.push(event),
    });
    const pausedAt = now();
    expect(limiter.pauseFor(99_999_000)).toBe(300); // a Retry-After of 27.7 hours
    await limiter.schedule(async () => undefined);
    expect(now() - pausedAt).toBeGreaterThanOrEqual(290);
    expect(now() - pausedAt).toBeLessThan(1500);
    expect(events).toEqual([expect.objectContaining({ source: 'gateway', pauseMs: 300 })]);
    await limiter.close();
  });

  it('a pause longer than maxWaitMs rejects at once with RateLimitError carrying what is left of it', async () => {
    const limiter = createScheduler({ appKey: freshApp(), limits: {} });
    const queued = limiter.schedule(async () => 'never', { maxWaitMs: 1000 });
    limiter.pauseFor(5000);
    // Known when the call is made, and when the pause becomes known while the call waits.
    const started = now();
    const [late, early] = await Promise.allSettled([
      limiter.schedule(async () => 'never', { maxWaitMs: 1000 }),
      queued,
    ]);
    for (const result of [late, early]) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ local: true, code: 'paused' });
      expect(error.retryAfterMs).toBeGreaterThan(4800);
      expect(error.retryAfterMs).toBeLessThanOrEqual(5000);
    }
    expect(now() - started).toBeLessThan(200);
    // A call that may wait long enough still waits, and is released by close().
    const patient = expect(limiter.schedule(async () => 'never', { maxWaitMs: 10_000 })).rejects.toBeInstanceOf(
      LimiterClosedError,
    );
    await limiter.close();
    await patient;
  });

  it('never arms a timer longer than 2^31 - 1 ms, whatever pause or maxWaitMs it is given', async () => {
    const delays: number[] = [];
    const original = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return original(fn, ms);
    }) as typeof setTimeout);
    try {
      const limited = createScheduler({ appKey: freshApp(), limits: { maxPauseMs: MAX_TIMER_MS } });
      const unlimited = createScheduler({ appKey: freshApp(), limits: false });
      for (const limiter of [limited, unlimited]) {
        limiter.pauseFor(2 ** 40);
        const waiting = expect(limiter.schedule(async () => 1, { maxWaitMs: 2 ** 40 })).rejects.toBeInstanceOf(
          LimiterClosedError,
        );
        await new Promise((resolve) => original(resolve, 20));
        await limiter.close();
        await waiting;
      }
    } finally {
      spy.mockRestore();
    }
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});
