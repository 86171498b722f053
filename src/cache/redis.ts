/**
 * A cache shared by every process through Redis. Keys get a prefix so that the cache can live in a
 * Redis used for other things (and be found with `SCAN MATCH <prefix>*`); expiry is Redis's own
 * (`SET … PX`), so nothing here runs timers. Given a URL, ioredis is loaded and connected on the
 * first command, so that importing the SDK never loads it.
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { invalidRequest } from '../errors.js';
import { type Cache, isValidTtl } from './cache.js';
import { LazyRedis } from './lazy-redis.js';
import { describeValue } from '../text/quote.js';

/** Options of a `RedisCache`: the key prefix and options for a client created from a URL. */
export interface RedisCacheOptions {
  /** Put before every key (default `open1688:cache:`). */
  prefix?: string;
  /** Options for the client created from a URL (ignored when a client is passed). */
  redisOptions?: RedisOptions;
}

/** The prefix of every key a `RedisCache` writes unless told otherwise. */
export const DEFAULT_REDIS_CACHE_PREFIX = 'open1688:cache:';

export class RedisCache implements Cache {
  readonly prefix: string;
  private readonly connection: LazyRedis;

  /** `urlOrClient`: a `redis://` URL to connect to, or an ioredis client (or cluster) to use. */
  constructor(urlOrClient: string | Redis | Cluster, options: RedisCacheOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_REDIS_CACHE_PREFIX;
    this.connection = new LazyRedis(urlOrClient, options.redisOptions, 'RedisCache');
  }

  private redis(): Promise<Redis | Cluster> {
    return this.connection.get();
  }

  async get(key: string): Promise<string | undefined> {
    const value = await (await this.redis()).get(this.prefix + key);
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!isValidTtl(ttlMs))
      throw invalidRequest(`cache ttlMs must be a positive number of ms, got ${describeValue(ttlMs)}`);
    // PX takes whole milliseconds, at least 1.
    await (await this.redis()).set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  /** Removes `key` (prefixed); no error when it is absent. */
  async delete(key: string): Promise<void> {
    await (await this.redis()).del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
