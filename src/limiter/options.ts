/** The `limits` option of the client, its defaults (seeds 003 and 004) and its validation. */
import { type Redis } from 'ioredis';

export interface LimitsOptions {
  /** Requests per `qpsWindowMs` (the gateway's default: 10 a second). */
  qps?: number;
  /** Requests per `perMinuteWindowMs` (100 a minute). */
  perMinute?: number;
  /** Calls running at once (shared by all processes when `redis` is set). */
  maxConcurrent?: number;
  /** Calls allowed to wait; one more fails at once with `RateLimitError` (`local: true`). Unbounded by default. */
  maxQueued?: number;
  /** Share one quota between processes: a `redis://` URL or an ioredis client (it is duplicated, never closed). */
  redis?: string | Redis;
  /** The name of the shared quota; processes with the same `id` (and app key) share it. */
  id?: string;
  /** Length of the "per second" window; scaled down by tests. */
  qpsWindowMs?: number;
  /** Length of the "per minute" window; scaled down by tests. */
  perMinuteWindowMs?: number;
  /** Redis only: idle time after which the shared state expires (default: max(10 min, 2 long windows)). */
  redisKeyTtlMs?: number;
  /** Redis only: how long to wait for the connection before a call fails (default 5 s). */
  redisConnectTimeoutMs?: number;
}

export interface ResolvedLimits {
  qps: number;
  perMinute: number;
  maxConcurrent: number;
  maxQueued: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
  redis: string | Redis | undefined;
  id: string | undefined;
  redisKeyTtlMs: number;
  redisConnectTimeoutMs: number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`limits.${name} must be a positive integer, got ${value}`);
  return value;
}

export function resolveLimits(options: LimitsOptions): ResolvedLimits {
  const perMinuteWindowMs = positiveInteger('perMinuteWindowMs', options.perMinuteWindowMs ?? 60_000);
  return {
    qps: positiveInteger('qps', options.qps ?? 10),
    perMinute: positiveInteger('perMinute', options.perMinute ?? 100),
    maxConcurrent: positiveInteger('maxConcurrent', options.maxConcurrent ?? 10),
    maxQueued: options.maxQueued === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(options.maxQueued)),
    qpsWindowMs: positiveInteger('qpsWindowMs', options.qpsWindowMs ?? 1000),
    perMinuteWindowMs,
    redis: options.redis,
    id: options.id,
    redisKeyTtlMs: positiveInteger('redisKeyTtlMs', options.redisKeyTtlMs ?? Math.max(600_000, 2 * perMinuteWindowMs)),
    redisConnectTimeoutMs: positiveInteger('redisConnectTimeoutMs', options.redisConnectTimeoutMs ?? 5000),
  };
}
