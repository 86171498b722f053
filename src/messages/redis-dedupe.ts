/**
 * Dedupe shared by every process through Redis: the claim is `SET key processing NX PX`, the mark of a
 * handled id `SET key done PX ttl`, so Redis expires both and no timer runs here. ioredis is loaded
 * only when a URL is given, on first use (optional-deps.ts): `open1688/messages` itself never
 * loads it, and a client passed in is used as it is.
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { invalidRequest } from '../errors.js';
import { type Dedupe, type DedupeOptions, type DedupeState, resolveDedupeTimes } from './dedupe.js';
import { loadIoredis } from './optional-deps.js';

/** The options of `redisDedupe`: the Redis to use and the key prefix. */
export interface RedisDedupeOptions extends DedupeOptions {
  /** A `redis://` URL (a client is created on first use and closed by `close()`), or an ioredis client. */
  redis: string | Redis | Cluster;
  /** Put before every id (default `open1688:dedupe:`); one prefix per consumer group or endpoint. */
  prefix?: string;
  /** Options for the client created from a URL. */
  redisOptions?: RedisOptions;
}

/** The prefix of every key `redisDedupe` writes unless told otherwise. */
export const DEFAULT_DEDUPE_PREFIX = 'open1688:dedupe:';

const PROCESSING = 'processing';
const DONE = 'done';
// Drops a claim only while it is still a claim: a copy that completed meanwhile stays 'done'.
const ABANDON_SCRIPT = `if redis.call('GET', KEYS[1]) == '${PROCESSING}' then return redis.call('DEL', KEYS[1]) end return 0`;

/** A dedupe store in Redis, shared by every process that uses the same prefix. */
export function redisDedupe(options: RedisDedupeOptions): Dedupe {
  const { ttlMs, processingMs } = resolveDedupeTimes(options);
  const prefix = options.prefix ?? DEFAULT_DEDUPE_PREFIX;
  const source = options.redis;
  if (typeof source === 'string' && !/^rediss?:\/\//.test(source)) {
    throw invalidRequest('redisDedupe: redis must be a redis:// or rediss:// URL or an ioredis client');
  }
  let owned: Promise<Redis> | undefined;
  const client = (): Promise<Redis | Cluster> => {
    if (typeof source !== 'string') return Promise.resolve(source);
    owned ??= loadIoredis().then(
      // Fail fast rather than queue commands while Redis is away: a handler answers non-200 and the
      // platform retries, which is better than a request that hangs.
      ({ Redis: RedisClient }) => new RedisClient(source, { maxRetriesPerRequest: 1, ...options.redisOptions }),
    );
    return owned;
  };

  const claim = async (redis: Redis | Cluster, key: string): Promise<boolean> =>
    (await redis.set(key, PROCESSING, 'PX', processingMs, 'NX')) === 'OK';

  return {
    async begin(id) {
      const redis = await client();
      const key = prefix + id;
      if (await claim(redis, key)) return 'new';
      const state = await redis.get(key);
      if (state === DONE || state === PROCESSING) return state satisfies DedupeState;
      // The key expired between SET and GET: try the claim once more.
      return (await claim(redis, key)) ? 'new' : PROCESSING;
    },
    async complete(id) {
      await (await client()).set(prefix + id, DONE, 'PX', ttlMs);
    },
    async abandon(id) {
      await (await client()).eval(ABANDON_SCRIPT, 1, prefix + id);
    },
    async close() {
      if (owned === undefined) return;
      const redis = await owned;
      if (redis.status !== 'end') await redis.quit();
    },
  };
}
