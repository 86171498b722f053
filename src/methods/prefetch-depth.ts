/**
 * How many pages a crawl keeps in flight when the caller does not say (`concurrency`), from the
 * client's rate limit and the gateway's latency L (measured on the first page). The limit lets N
 * calls through at once (the limit of its shortest window: 10 in a second by default) at R calls a
 * second. Two things must never wait for the crawl:
 * - a window that opens lets N pages go at once: N pages must be asked for by then;
 * - between windows, at R a second while each page is out for L, R × L pages are out at once; one
 *   more covers the consumer's time between pages and a round trip slower than the first.
 *
 *     depth = max(N, ceil(R × L) + 1), at least 2 and at most 16 (the `concurrency` bound)
 *
 * e.g. 10/s and 150 ms: max(10, 3) = 10. Measured on 48 pages at 10/s with 150 ms (bench/crawl.ts):
 * depth 3 (R × L alone) lets each window open with only 3 pages asked for, the others going one
 * round trip apart, and the crawl takes about 1.08× the physical limit; depth 2 1.15×; one page at a
 * time 1.56× (it runs at 1 / L, 6.7 pages a second). Deeper than this only queues pages in the
 * limiter, each holding its memory once it arrives. Without a rate limit (`limits: false`) there is
 * nothing to go by, and the default stays 2.
 */

/** The least pages a crawl keeps in flight by itself (and its default without a rate limit). */
export const MIN_PREFETCH_DEPTH = 2;
/** The most pages a crawl keeps in flight by itself: the bound of the `concurrency` option. */
export const MAX_PREFETCH_DEPTH = 16;

/** What a crawl knows of the client's rate limit: calls a second, and how many may go at once. */
export interface CrawlRate {
  callsPerSecond: number;
  burst: number;
}

/** `max(burst, ceil(callsPerSecond × latency) + 1)` within [2, 16]; 2 without a rate. */
export function prefetchDepth(rate: CrawlRate | undefined, latencyMs: number): number {
  if (rate === undefined || !Number.isFinite(rate.callsPerSecond) || !(latencyMs >= 0)) return MIN_PREFETCH_DEPTH;
  const depth = Math.max(rate.burst, Math.ceil((rate.callsPerSecond * latencyMs) / 1000) + 1);
  return Math.min(MAX_PREFETCH_DEPTH, Math.max(MIN_PREFETCH_DEPTH, depth));
}
