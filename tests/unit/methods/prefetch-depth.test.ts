/** The prefetch depth of a crawl: ceil(rate × latency) + 1, within 2…16, and 2 without a rate. */
import { MAX_PREFETCH_DEPTH, MIN_PREFETCH_DEPTH, prefetchDepth } from '../../../src/methods/prefetch-depth';
import { burstCallsPerSecond } from '../../../src/limiter/options';

describe('prefetchDepth', () => {
  it.each([
    // calls/s, latency ms, depth
    [10, 150, 3], // the crawl: 1.5 pages out at once, one more for slack
    [10, 100, 2], // exactly 1 out at once: 1 + 1
    [10, 101, 3],
    [10, 1_000, 11],
    [40, 150, 7],
    [10, 0, MIN_PREFETCH_DEPTH], // a cached first page says nothing about the gateway
    [1, 50, MIN_PREFETCH_DEPTH],
    [1_000, 150, MAX_PREFETCH_DEPTH],
  ])('%d calls/s at %d ms: %d pages', (rate, latencyMs, depth) => {
    expect(prefetchDepth(rate, latencyMs)).toBe(depth);
  });

  it('without a rate limit, or with a latency that is not a number, the default 2', () => {
    expect(prefetchDepth(undefined, 150)).toBe(2);
    expect(prefetchDepth(Number.POSITIVE_INFINITY, 150)).toBe(2);
    expect(prefetchDepth(10, Number.NaN)).toBe(2);
  });
});

describe('burstCallsPerSecond', () => {
  it('is the fastest window: 10/s by default (100/min binds only later)', () => {
    expect(burstCallsPerSecond(undefined)).toBe(10);
    expect(burstCallsPerSecond({ qps: 5, perMinute: 100 })).toBe(5);
    expect(burstCallsPerSecond({ qps: 5, qpsWindowMs: 500 })).toBe(10);
  });

  it('is undefined with limits: false', () => {
    expect(burstCallsPerSecond(false)).toBeUndefined();
  });
});
