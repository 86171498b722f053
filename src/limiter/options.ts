/**
 * The `limits` option: its one schema (the client's options use it too), its defaults (seeds 003
 * and 004: 10 calls a second, 100 a minute per app key) and its resolution. A bad value is an
 * `InvalidRequestError` naming `limits.<field>`, like every other option.
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { z } from 'zod';
import { InvalidRequestError } from '../errors.js';
import { describeIssue } from '../zod-issue.js';
import { MAX_TIMER_MS } from './scheduler.js';

const positiveInt = z.number().int().positive();
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
// `abort: false`: a failed custom check inside the union would otherwise be reported as the union's
// "Invalid input" at `limits` instead of at the field.

/** The object form of `limits`. */
const limitsObjectSchema = z
  .object({
    /** Requests per `qpsWindowMs` (the gateway's default: 10 a second). */
    qps: positiveInt.optional(),
    /** Requests per `perMinuteWindowMs` (100 a minute). */
    perMinute: positiveInt.optional(),
    /** Calls of this process waiting for a unit or running at once (10). */
    maxConcurrent: positiveInt.optional(),
    /** Calls allowed to wait; one more fails at once with `RateLimitError` (`local: true`). Unbounded by default. */
    maxQueued: z.number().int().min(0).optional(),
    /**
     * Share one quota between processes: a `redis://` URL (with `redisOptions`), or an ioredis `Redis`
     * (Sentinel included) or `Cluster`, which is duplicated and never closed by the limiter.
     */
    redis: z
      .union([
        z.string().min(1),
        z.custom<Redis | Cluster>(isObject, {
          message: 'must be a redis:// URL or an ioredis Redis or Cluster',
          abort: false,
        }),
      ])
      .optional(),
    /** ioredis options for the connection made from a `redis` URL (TLS, password, timeouts…). */
    redisOptions: z
      .custom<RedisOptions>(isObject, { message: 'must be an object of ioredis options', abort: false })
      .optional(),
    /** The name of the quota; clients and processes with the same app key and `id` share it. */
    id: z.string().min(1).optional(),
    /** Length of the "per second" window; scaled down by tests. */
    qpsWindowMs: positiveInt.optional(),
    /** Length of the "per minute" window; scaled down by tests. */
    perMinuteWindowMs: positiveInt.optional(),
    /** Redis only: how long a call may wait on an unreachable Redis (default 5 s). */
    redisTimeoutMs: positiveInt.max(MAX_TIMER_MS).optional(),
    /** Redis only: `fail` (default) with `LimiterUnavailableError`, or go on with a `local` limit of `localShare`. */
    onRedisDown: z.enum(['fail', 'local']).optional(),
    /** The share (0–1] of each limit one process may use alone while Redis is down (`onRedisDown: 'local'`). */
    localShare: z.number().gt(0).max(1).optional(),
    /** Redis only: how long a running call holds its unit without a sign of life from its process (default 2 s). */
    redisLeaseMs: z.number().int().min(100).max(MAX_TIMER_MS).optional(),
    /** The longest pause a gateway answer (a ban, `Retry-After`) imposes on every call (default 5 min). */
    maxPauseMs: positiveInt.max(MAX_TIMER_MS).optional(),
  })
  .strict()
  .refine((limits) => limits.onRedisDown !== 'local' || limits.localShare !== undefined, {
    path: ['localShare'],
    message: "is required with onRedisDown: 'local' (the share of the quota each process may use alone)",
  });

/** The `limits` option: QPS and per-minute caps, queue bounds and an optional Redis for a shared quota, or `false`. */
export type LimitsOptions = z.input<typeof limitsObjectSchema> | false;

/**
 * Schema of the `limits` option (an object, or `false` for no limiter). Not a `z.union`: a union
 * reports most field errors (an unknown enum value, a failed custom check) as its own "Invalid input"
 * at `limits`; this passes the object's issues on, so that the error names the field.
 */
export const limitsSchema = z.custom<LimitsOptions>().superRefine((value, ctx) => {
  if (value === false) return;
  const parsed = limitsObjectSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
});

/** The limits with every default filled in. */
export interface ResolvedLimits {
  qps: number;
  perMinute: number;
  maxConcurrent: number;
  maxQueued: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
  redis: string | Redis | Cluster | undefined;
  redisOptions: RedisOptions | undefined;
  id: string | undefined;
  redisTimeoutMs: number;
  onRedisDown: 'fail' | 'local';
  localShare: number;
  redisLeaseMs: number;
  maxPauseMs: number;
}

/**
 * Why 5 minutes: a bogus `Retry-After: 99999` would otherwise stop the app for 28 hours, while a real
 * ban longer than the cap costs one refused call per cap (the next call finds the ban and pauses again).
 */
export const DEFAULT_MAX_PAUSE_MS = 300_000;

/** Validates `limits` (an object; `false` is handled by the caller) and fills in the defaults. */
export function resolveLimits(input: Exclude<LimitsOptions, false> | undefined): ResolvedLimits {
  const parsed = limitsObjectSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const { path, rule } = describeIssue(parsed.error, ['limits']);
    throw new InvalidRequestError({ message: `invalid option "${path}": ${rule}`, code: 'invalid-option' });
  }
  const options = parsed.data;
  return {
    qps: options.qps ?? 10,
    perMinute: options.perMinute ?? 100,
    maxConcurrent: options.maxConcurrent ?? 10,
    maxQueued: options.maxQueued ?? Number.POSITIVE_INFINITY,
    qpsWindowMs: options.qpsWindowMs ?? 1000,
    perMinuteWindowMs: options.perMinuteWindowMs ?? 60_000,
    redis: options.redis,
    redisOptions: options.redisOptions,
    id: options.id,
    redisTimeoutMs: options.redisTimeoutMs ?? 5000,
    onRedisDown: options.onRedisDown ?? 'fail',
    localShare: options.localShare ?? 1,
    redisLeaseMs: options.redisLeaseMs ?? 2000,
    maxPauseMs: options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS,
  };
}

/** The two window rules of resolved limits, the short one first. */
export function windowRules(limits: ResolvedLimits): Array<{ limit: number; windowMs: number }> {
  return [
    { limit: limits.qps, windowMs: limits.qpsWindowMs },
    { limit: limits.perMinute, windowMs: limits.perMinuteWindowMs },
  ];
}

/**
 * What a crawl needs to size its prefetch (methods/prefetch-depth.ts): the fastest window's rate
 * (10/s by default, while 100/min only binds later) and the most calls any window lets go at once
 * (the smallest limit); undefined for `limits: false`.
 */
export function crawlRate(input: LimitsOptions | undefined): { callsPerSecond: number; burst: number } | undefined {
  if (input === false) return undefined;
  const rules = windowRules(resolveLimits(input));
  return {
    callsPerSecond: Math.max(...rules.map((rule) => (rule.limit * 1000) / rule.windowMs)),
    burst: Math.min(...rules.map((rule) => rule.limit)),
  };
}
