/**
 * A `TokenStore` in Redis, shared by every client and process of an ISV service: each seller's
 * tokens are one JSON value (`<prefix>tokens:<seller>`), and the right to refresh them is a lock
 * (`<prefix>lock:<seller>`) taken with `SET NX PX` and a random owner token, given back by a
 * compare-and-delete script, so that a holder whose lock already lapsed never deletes the next
 * holder's. A process that dies holding it blocks the others for one `ttlMs` at most.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { LazyRedis } from '../cache/lazy-redis.js';
import type { ReleaseLock, StoredTokens, TokenStore } from './token-store.js';

/** Options of a `RedisTokenStore`. */
export interface RedisTokenStoreOptions {
  /** Put before every key (default `open1688:tokens:`). */
  prefix?: string;
  /** Options for the client created from a URL (ignored when a client is passed). */
  redisOptions?: RedisOptions;
}

/** The prefix of every key a `RedisTokenStore` writes unless told otherwise. */
export const DEFAULT_REDIS_TOKEN_PREFIX = 'open1688:tokens:';

// Deletes the lock only when it still holds this owner's token: GET and DEL in one step.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Each seller's AOP tokens in Redis, with a lock per seller so that one process at a time refreshes them. */
export class RedisTokenStore implements TokenStore {
  readonly prefix: string;
  private readonly connection: LazyRedis;

  /** `urlOrClient`: a `redis://` URL to connect to, or an ioredis client (or cluster) to use. */
  constructor(urlOrClient: string | Redis | Cluster, options: RedisTokenStoreOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_REDIS_TOKEN_PREFIX;
    this.connection = new LazyRedis(urlOrClient, options.redisOptions, 'RedisTokenStore');
  }

  private redis(): Promise<Redis | Cluster> {
    return this.connection.get();
  }

  async get(seller: string): Promise<StoredTokens | undefined> {
    const text = await (await this.redis()).get(`${this.prefix}tokens:${seller}`);
    return text === null ? undefined : (JSON.parse(text) as StoredTokens);
  }

  async set(seller: string, tokens: StoredTokens): Promise<void> {
    await (await this.redis()).set(`${this.prefix}tokens:${seller}`, JSON.stringify(tokens));
  }

  async lock(seller: string, ttlMs: number): Promise<ReleaseLock | undefined> {
    const redis = await this.redis();
    const key = `${this.prefix}lock:${seller}`;
    const owner = randomUUID();
    const taken = await redis.set(key, owner, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    if (taken !== 'OK') return undefined;
    return async () => {
      await redis.eval(RELEASE_SCRIPT, 1, key, owner);
    };
  }

  /** Quits the Redis client, when this store created it from a URL. */
  async close(): Promise<void> {
    await this.connection.close();
  }
}
