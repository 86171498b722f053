/**
 * The quota shared through Redis, and what happens while Redis cannot be reached.
 *
 * ioredis (in redis-store.ts) is imported on first use, so that a user without Redis never loads it.
 * Every Redis answer must come within `redisTimeoutMs`; a late one that admitted a call is refunded.
 * - `onRedisDown: 'fail'` (default): the scheduler fails each waiting call once Redis has been
 *   unreachable for `redisTimeoutMs` of its wait (`unavailableSince`), with `LimiterUnavailableError`.
 *   Never "unlimited": the gateway would cut the app off.
 * - `onRedisDown: 'local'`: after `redisTimeoutMs` of outage the calls go on through a local log at
 *   `localShare` of each limit (logged once). When the connection is back, the local log is carried
 *   into Redis (its calls still count there, one window after each) and the shared quota resumes
 *   (logged once). During the outage the processes together may use their shares added up: choose
 *   `localShare` as 1 / (number of processes) to stay within the quota.
 */
import type { Logger } from '../logger.js';
import { LimiterUnavailableError } from './errors.js';
import type { ResolvedLimits } from './options.js';
import { longTimeout } from './pause.js';
import { MemoryStore, monotonicUs, newLocalLog, type QuotaStore } from './quota-store.js';
import type { RedisStore } from './redis-store.js';
import type { Admission } from './sliding-log.js';

/** The longest a probe of a Redis that says it is back may hold calls that run locally meanwhile. */
const RESUME_PROBE_MS = 1000;

export class SharedStore implements QuotaStore {
  private redis: Promise<RedisStore> | undefined;
  private loaded: RedisStore | undefined;
  private fallback: MemoryStore | undefined;
  private readonly fallbackIds = new Set<string>();
  private resuming: Promise<void> | undefined;
  private downSince: number | undefined;
  private closed = false;
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly appKey: string,
    private readonly limits: ResolvedLimits,
    /** Logs to every logger of the clients sharing the quota. */
    private readonly log: (level: keyof Logger, object: Record<string, unknown>, message: string) => void,
    private readonly debugLogger: Logger,
  ) {}

  private load(): Promise<RedisStore> {
    if (this.closed) return Promise.reject(new Error('the shared rate limiter is closed'));
    this.redis ??= import('./redis-store.js').then(({ RedisStore }) => {
      this.loaded = new RedisStore(this.appKey, this.limits, this.debugLogger);
      return this.loaded;
    });
    return this.redis;
  }

  describe(): string {
    return this.loaded?.where ?? 'Redis';
  }

  async admit(id: string): Promise<Admission> {
    const started = Date.now();
    const store = this.loaded ?? (await this.load().catch(() => undefined));
    if (store !== undefined && this.fallback !== undefined && store.ready) {
      await (this.resuming ??= this.resume(store));
    }
    const fallback = this.fallback;
    if (fallback !== undefined) {
      const admission = await fallback.admit(id);
      if (admission.admitted) this.fallbackIds.add(id);
      return admission;
    }
    try {
      // ioredis could not be loaded, or the connection not even built (a bad URL).
      if (store === undefined) await this.load();
      if (store === undefined) throw new Error('the Redis client could not be created');
      // Known down and not reconnected: do not pile commands into ioredis's offline queue.
      if (this.downSince !== undefined && !store.ready) throw new Error(`connection ${store.where} is not ready`);
      const admission = await this.answer(store.admit(id), this.limits.redisTimeoutMs, (late) => {
        if (late.admitted) this.refundOn(store, id);
      });
      this.up();
      return admission;
    } catch (error) {
      this.down(started, error);
      const since = this.downSince ?? started;
      if (this.limits.onRedisDown === 'local' && Date.now() - since >= this.limits.redisTimeoutMs) {
        this.startFallback();
        return this.admit(id);
      }
      throw new LimiterUnavailableError(
        `${this.describe()} did not answer the shared rate limiter of app ${this.appKey}: ${errorText(error)}`,
        error,
      );
    }
  }

  /** Resolves with `promise`, or rejects after `ms`; a value that arrives later goes to `late`. */
  private answer<T>(promise: Promise<T>, ms: number, late: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const cancel = longTimeout(ms, () => {
        this.timers.delete(cancel);
        timedOut = true;
        reject(new Error(`no answer within ${ms} ms`));
      });
      this.timers.add(cancel);
      promise.then(
        (value) => {
          cancel();
          this.timers.delete(cancel);
          if (timedOut) late(value);
          else resolve(value);
        },
        (error: unknown) => {
          cancel();
          this.timers.delete(cancel);
          reject(error);
        },
      );
    });
  }

  private up(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    this.log(
      'info',
      { appKey: this.appKey },
      `rate limiter: ${this.describe()} answers again; the shared quota resumes`,
    );
  }

  private down(since: number, error: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = since;
    if (this.limits.onRedisDown === 'fail') {
      this.log(
        'warn',
        { appKey: this.appKey, err: error },
        `rate limiter: ${this.describe()} does not answer; calls of app ${this.appKey} fail with ` +
          `LimiterUnavailableError after ${this.limits.redisTimeoutMs} ms unless it comes back`,
      );
    }
  }

  private startFallback(): void {
    if (this.fallback !== undefined) return;
    const { qps, perMinute, qpsWindowMs, perMinuteWindowMs, localShare } = this.limits;
    const share = (limit: number): number => Math.max(1, Math.floor(limit * localShare));
    this.fallback = new MemoryStore(newLocalLog([qpsWindowMs, perMinuteWindowMs]), [share(qps), share(perMinute)]);
    this.log(
      'warn',
      { appKey: this.appKey, localShare },
      `rate limiter: ${this.describe()} unreachable for ${this.limits.redisTimeoutMs} ms; app ${this.appKey} goes on ` +
        `with a local limit of ${share(qps)} per ${qpsWindowMs} ms and ${share(perMinute)} per ${perMinuteWindowMs} ms until it is back`,
    );
  }

  /** Carries the local log into Redis and switches back; on failure stays local (and tries again later). */
  private async resume(store: RedisStore): Promise<void> {
    const fallback = this.fallback;
    if (fallback === undefined) return;
    try {
      const snapshot = fallback.log.snapshot(monotonicUs());
      await this.answer(store.restore(snapshot), Math.min(this.limits.redisTimeoutMs, RESUME_PROBE_MS), () => {});
      this.fallback = undefined;
      this.fallbackIds.clear();
      this.up();
    } catch (error) {
      this.log('debug', { err: error }, 'rate limiter: Redis is not back yet');
    } finally {
      this.resuming = undefined;
    }
  }

  private refundOn(store: RedisStore, id: string): void {
    store.refund(id).catch((error: unknown) => this.log('debug', { err: error }, 'rate limiter: refund failed'));
  }

  finish(id: string): void {
    if (this.fallback !== undefined && this.fallbackIds.delete(id)) return this.fallback.finish(id);
    // A lost `finish` is safe: the entry lapses at its lease and counts one window after that.
    this.loaded?.finish(id).catch((error: unknown) => this.log('debug', { err: error }, 'rate limiter: finish failed'));
  }

  refund(id: string): void {
    if (this.fallback !== undefined && this.fallbackIds.delete(id)) return this.fallback.refund(id);
    if (this.loaded !== undefined) this.refundOn(this.loaded, id);
  }

  pause(ms: number): void {
    this.fallback?.pause(ms);
    this.load()
      .then((store) => store.pause(ms))
      .catch((error: unknown) => this.log('debug', { err: error }, 'rate limiter: pause not recorded in Redis'));
  }

  unavailableSince(): number | undefined {
    return this.limits.onRedisDown === 'fail' ? this.downSince : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.fallback = undefined;
    if (this.redis !== undefined) await (await this.redis.catch(() => undefined))?.close();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
