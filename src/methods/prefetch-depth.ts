/**
 * How many pages a crawl keeps in flight when the caller does not say (`concurrency`). A page takes
 * one round trip L (the gateway's latency, measured on the first page), and the rate limiter lets
 * R calls a second through in a burst. To send at the full rate, a new page must be ready to go every
 * 1/R seconds while each one is out for L, so R × L pages are out at once; one more covers the
 * consumer's time between pages and a round trip slower than the first:
 *
 *     depth = ceil(R × L) + 1, at least 2 and at most 16 (the `concurrency` bound)
 *
 * e.g. 10 calls/s and 150 ms: ceil(1.5) + 1 = 3. Deeper only queues pages in the limiter (each
 * holding its memory once it arrives); shallower leaves the limiter idle, and the crawl then runs at
 * depth / L instead of R (one page at a time at 150 ms: 6.7 pages/s against a limit of 10).
 * Without a rate limit (`limits: false`) there is no R to go by, and the default stays 2.
 */

/** The least and most pages a crawl keeps in flight by itself. */
export const MIN_PREFETCH_DEPTH = 2;
export const MAX_PREFETCH_DEPTH = 16;

/** `ceil(callsPerSecond × latency) + 1` within [2, 16]; 2 without a rate. */
export function prefetchDepth(callsPerSecond: number | undefined, latencyMs: number): number {
  if (callsPerSecond === undefined || !Number.isFinite(callsPerSecond) || !(latencyMs >= 0)) {
    return MIN_PREFETCH_DEPTH;
  }
  const depth = Math.ceil((callsPerSecond * latencyMs) / 1000) + 1;
  return Math.min(MAX_PREFETCH_DEPTH, Math.max(MIN_PREFETCH_DEPTH, depth));
}
