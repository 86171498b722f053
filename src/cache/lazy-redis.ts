/**
 * The Redis connection of a store that takes a URL or a client (RedisCache, RedisTokenStore): given
 * a URL, ioredis is loaded and connected on the first command, so that importing the SDK never
 * loads it, and only a client the store created is quit on close (one passed in belongs to the caller).
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { invalidRequest } from '../errors.js';

export class LazyRedis {
  private readonly connect: () => Promise<Redis | Cluster>;
  private client: Promise<Redis | Cluster> | undefined;
  private readonly ownsClient: boolean;

  /** `owner` names the store in the error for an empty URL. */
  constructor(urlOrClient: string | Redis | Cluster, redisOptions: RedisOptions | undefined, owner: string) {
    if (typeof urlOrClient === 'string') {
      if (urlOrClient === '') throw invalidRequest(`${owner} needs a redis:// URL or an ioredis client`);
      // A store must fail fast rather than queue commands while Redis is away.
      this.connect = async () => {
        const { Redis: RedisClient } = await import('ioredis');
        return new RedisClient(urlOrClient, { maxRetriesPerRequest: 1, ...redisOptions });
      };
      this.ownsClient = true;
    } else {
      const given = urlOrClient;
      this.connect = async () => given;
      this.ownsClient = false;
    }
  }

  /** The client, connected (created from the URL) on first use. */
  get(): Promise<Redis | Cluster> {
    this.client ??= this.connect();
    return this.client;
  }

  /** Quits the client if this object created it; never connected means nothing to close. */
  async close(): Promise<void> {
    if (!this.ownsClient || this.client === undefined) return;
    const client = await this.client;
    if (client.status !== 'end') await client.quit();
  }
}
