/**
 * Read-through caching: the cached value when there is one, otherwise one shared load (single
 * flight) whose result is stored. Only successful values are stored: a failed load reaches its
 * callers and the next call loads again.
 *
 * The cache speeds calls up; it must not make them fail. When the store itself fails (Redis down),
 * a read counts as a miss and a write is skipped, and `onCacheError` hears about it.
 */
import { invalidRequest } from '../errors.js';
import { type Cache, isValidTtl } from './cache.js';
import { SingleFlight } from './single-flight.js';
import { describeValue } from '../text/quote.js';

/** Options of `withCache`. */
export interface WithCacheOptions {
  /** The single-flight group; by default one per cache object. */
  flight?: SingleFlight;
  /** Called when the store fails; the call itself goes on without the cache. */
  onCacheError?: (error: unknown, operation: 'get' | 'set') => void;
}

const groups = new WeakMap<Cache, SingleFlight>();

function groupOf(cache: Cache): SingleFlight {
  let group = groups.get(cache);
  if (group === undefined) {
    group = new SingleFlight();
    groups.set(cache, group);
  }
  return group;
}

/** The cached value of `key`, or the result of one `load` shared by concurrent callers, stored for `ttlMs`. */
export async function withCache(
  cache: Cache,
  key: string,
  ttlMs: number,
  load: () => Promise<string>,
  options: WithCacheOptions = {},
): Promise<string> {
  // Checked here, not left to `set`: a store error is forgiven below, a caller's bug must not be.
  if (!isValidTtl(ttlMs))
    throw invalidRequest(`cache ttlMs must be a positive number of ms, got ${describeValue(ttlMs)}`);
  const { flight = groupOf(cache), onCacheError } = options;
  try {
    const cached = await cache.get(key);
    if (cached !== undefined) return cached;
  } catch (error) {
    onCacheError?.(error, 'get');
  }
  return flight.run(key, async () => {
    const value = await load();
    try {
      await cache.set(key, value, ttlMs);
    } catch (error) {
      onCacheError?.(error, 'set');
    }
    return value;
  });
}
