/** The prefetch depth of a crawl: max(burst, ceil(rate × latency) + 1), within 2…16, and 2 without a rate. */
import { crawlRate } from '../../../src/limiter/options';
import { MAX_PREFETCH_DEPTH, MIN_PREFETCH_DEPTH, prefetchDepth } from '../../../src/methods/prefetch-depth';

describe('prefetchDepth', () => {
  it.each([
    // calls/s, burst, latency ms, depth
    [10, 10, 150, 10], // the crawl: a window that opens lets 10 go at once
    [10, 1, 150, 3], // no burst: 1.5 pages out at once, one more for slack
    [10, 1, 100, 2], // exactly 1 out at once: 1 + 1
    [10, 1, 101, 3],
    [10, 5, 1_000, 11], // a slow gateway: the round trip decides
    [10, 1, 0, MIN_PREFETCH_DEPTH], // a cached first page says nothing about the gateway
    [1, 1, 50, MIN_PREFETCH_DEPTH],
    [1_000, 1, 150, MAX_PREFETCH_DEPTH],
    [100, 100, 10, MAX_PREFETCH_DEPTH],
  ])('%d calls/s, %d at once, %d ms: %d pages', (callsPerSecond, burst, latencyMs, depth) => {
    expect(prefetchDepth({ callsPerSecond, burst }, latencyMs)).toBe(depth);
  });

  it('without a rate limit, or with a latency that is not a number, the default 2', () => {
    expect(prefetchDepth(undefined, 150)).toBe(2);
    expect(prefetchDepth({ callsPerSecond: Number.POSITIVE_INFINITY, burst: 10 }, 150)).toBe(2);
    expect(prefetchDepth({ callsPerSecond: 10, burst: 10 }, Number.NaN)).toBe(2);
  });
});

describe('crawlRate', () => {
  it('is the fastest window and the smallest limit: 10/s, 10 at once by default (100/min binds only later)', () => {
    expect(crawlRate(undefined)).toEqual({ callsPerSecond: 10, burst: 10 });
    expect(crawlRate({ qps: 5, perMinute: 100 })).toEqual({ callsPerSecond: 5, burst: 5 });
    expect(crawlRate({ qps: 5, qpsWindowMs: 500 })).toEqual({ callsPerSecond: 10, burst: 5 });
  });

  it('is undefined with limits: false', () => {
    expect(crawlRate(false)).toBeUndefined();
  });
});
