/**
 * The client's `responseCache` option → the store and time to live the methods read through.
 *
 * `responseCache: { store: 'memory' | RedisCache | <any Cache>, ttlMs, maxEntries?, maxBytes? }`, or
 * `false`/absent for none. `'memory'` (the default store) is an LRU bounded by entries and bytes that
 * the client creates and clears on close; a store passed in belongs to the caller and is not closed.
 */
import type { Cache } from '../cache/cache.js';
import { MemoryCache } from '../cache/memory.js';
import { invalidRequest } from '../errors.js';
import type { ResponseCacheSettings } from './host.js';

/** The `responseCache` option of the client: the store and how long answers are kept. */
export interface ResponseCacheOptions {
  /** `'memory'` (default), a `RedisCache`, or any object with get/set/delete. */
  store?: 'memory' | Cache;
  /** How long an answer is served from the cache, in ms. */
  ttlMs: number;
  /** Memory store only: the most entries (default 1000). */
  maxEntries?: number;
  /** Memory store only: the most bytes of keys and values (default 64 MiB). */
  maxBytes?: number;
  /** Told when the store fails (Redis down): the call goes on without the cache. */
  onCacheError?: (error: unknown, operation: 'get' | 'set') => void;
}

/** The `responseCache` option, or `false` for none. */
export type ResponseCacheOption = ResponseCacheOptions | false;

export interface ResolvedResponseCache {
  settings: ResponseCacheSettings | undefined;
  /** The store the client created itself, to release on close. */
  owned: Cache | undefined;
}

const KEYS = new Set(['store', 'ttlMs', 'maxEntries', 'maxBytes', 'onCacheError']);

function isCache(value: unknown): value is Cache {
  const candidate = value as Partial<Record<keyof Cache, unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.delete === 'function'
  );
}

/** Validates the option; throws `InvalidRequestError` naming the bad field. */
export function resolveResponseCache(option: ResponseCacheOption | undefined): ResolvedResponseCache {
  if (option === undefined || option === false) return { settings: undefined, owned: undefined };
  const bad = (field: string, rule: string) => invalidRequest(`invalid option "responseCache${field}": ${rule}`);
  if (typeof option !== 'object' || option === null) throw bad('', 'must be false or { store, ttlMs }');
  for (const key of Object.keys(option)) if (!KEYS.has(key)) throw bad(`.${key}`, 'is not a responseCache option');
  const { store = 'memory', ttlMs, maxEntries, maxBytes, onCacheError } = option;
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw bad('.ttlMs', 'must be a positive number of ms');
  }
  if (onCacheError !== undefined && typeof onCacheError !== 'function')
    throw bad('.onCacheError', 'must be a function');
  let cache: Cache;
  let owned: Cache | undefined;
  if (store === 'memory') {
    cache = owned = new MemoryCache({
      ...(maxEntries === undefined ? {} : { maxEntries }),
      ...(maxBytes === undefined ? {} : { maxBytes }),
    });
  } else if (isCache(store)) {
    if (maxEntries !== undefined || maxBytes !== undefined) {
      throw bad(maxEntries !== undefined ? '.maxEntries' : '.maxBytes', "applies to store: 'memory' only");
    }
    cache = store;
  } else {
    throw bad('.store', "must be 'memory', a RedisCache or an object with get, set and delete");
  }
  return {
    settings: { store: cache, ttlMs, ...(onCacheError === undefined ? {} : { onCacheError }) },
    owned,
  };
}
