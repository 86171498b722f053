/**
 * The `limits` option: its one schema (the client's options use it too), its defaults (seeds 003
 * and 004: 10 calls a second, 100 a minute per app key) and its resolution. A bad value is an
 * `InvalidRequestError` naming `limits.<field>`, like every other option.
 */
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { InvalidRequestError } from '../errors.js';
import { describeIssue } from '../zod-issue.js';

const positiveInt = z.number().int().positive();

/** Schema of the `limits` option (an object, or `false` for no limiter). */
export const limitsSchema = z.union([
  z.literal(false),
  z
    .object({
      /** Requests per `qpsWindowMs` (the gateway's default: 10 a second). */
      qps: positiveInt.optional(),
      /** Requests per `perMinuteWindowMs` (100 a minute). */
      perMinute: positiveInt.optional(),
      /** Calls running at once (shared by all processes when `redis` is set). */
      maxConcurrent: positiveInt.optional(),
      /** Calls allowed to wait; one more fails at once with `RateLimitError` (`local: true`). Unbounded by default. */
      maxQueued: z.number().int().min(0).optional(),
      /** Share one quota between processes: a `redis://` URL or an ioredis client (it is duplicated, never closed). */
      redis: z
        .union([
          z.string().min(1),
          z.custom<Redis | Cluster>(
            (value) => typeof value === 'object' && value !== null,
            'must be a URL or an ioredis client',
          ),
        ])
        .optional(),
      /** The name of the shared quota; processes with the same `id` (and app key) share it. */
      id: z.string().min(1).optional(),
      /** Length of the "per second" window; scaled down by tests. */
      qpsWindowMs: positiveInt.optional(),
      /** Length of the "per minute" window; scaled down by tests. */
      perMinuteWindowMs: positiveInt.optional(),
      /** Redis only: idle time after which the shared state expires (default: max(10 min, 2 long windows)). */
      redisKeyTtlMs: positiveInt.optional(),
      /** Redis only: how long to wait for the connection before a call fails (default 5 s). */
      redisConnectTimeoutMs: positiveInt.optional(),
    })
    .strict(),
]);

/** The `limits` option: QPS and per-minute caps, queue bounds and an optional Redis for a shared quota, or `false`. */
export type LimitsOptions = z.input<typeof limitsSchema>;

/** The limits with every default filled in. */
export interface ResolvedLimits {
  qps: number;
  perMinute: number;
  maxConcurrent: number;
  maxQueued: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
  redis: string | Redis | Cluster | undefined;
  id: string | undefined;
  redisKeyTtlMs: number;
  redisConnectTimeoutMs: number;
}

/** Validates `limits` (an object; `false` is handled by the caller) and fills in the defaults. */
export function resolveLimits(input: Exclude<LimitsOptions, false> | undefined): ResolvedLimits {
  const parsed = limitsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const { path, rule } = describeIssue(parsed.error, ['limits']);
    throw new InvalidRequestError({ message: `invalid option "${path}": ${rule}`, code: 'invalid-option' });
  }
  const options = parsed.data === false ? {} : parsed.data;
  const perMinuteWindowMs = options.perMinuteWindowMs ?? 60_000;
  return {
    qps: options.qps ?? 10,
    perMinute: options.perMinute ?? 100,
    maxConcurrent: options.maxConcurrent ?? 10,
    maxQueued: options.maxQueued ?? Number.POSITIVE_INFINITY,
    qpsWindowMs: options.qpsWindowMs ?? 1000,
    perMinuteWindowMs,
    redis: options.redis,
    id: options.id,
    redisKeyTtlMs: options.redisKeyTtlMs ?? Math.max(600_000, 2 * perMinuteWindowMs),
    redisConnectTimeoutMs: options.redisConnectTimeoutMs ?? 5000,
  };
}
