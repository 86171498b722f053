/**
 * Rate limits per app key: exact sliding windows for "qps" and "per minute", one quota per app key
 * and `limits.id` in a process (every client of it shares one scheduler), shared between processes
 * and hosts through Redis when `limits.redis` is set. `createScheduler` is what the client calls.
 * ioredis is loaded only when a shared quota is first used, so that a user without Redis never loads it.
 */
import type { Logger } from '../logger.js';
import { resolveLimits, type LimitsOptions } from './options.js';
import { openScheduler } from './registry.js';
import type { CallScheduler, RateLimitedEvent } from './scheduler.js';
import { UnlimitedScheduler } from './unlimited.js';

/** The options of `createScheduler`: the app key, its limits, a logger and a rate-limit listener. */
export interface CreateSchedulerOptions {
  appKey: string;
  limits: LimitsOptions | undefined;
  logger?: Logger | undefined;
  /** Told when the gateway still answers "too many" or the queue is full. */
  onRateLimited?: ((event: RateLimitedEvent) => void) | undefined;
}

/**
 * A handle on the limiter of one app key: local, shared through Redis when `limits.redis` is set, or
 * none for `limits: false`. Handles of one app key and `limits.id` share one quota in the process;
 * their limits must match (an `InvalidRequestError` otherwise). Close every handle you create.
 */
export function createScheduler(options: CreateSchedulerOptions): CallScheduler {
  if (options.limits === false) return new UnlimitedScheduler(options.appKey);
  return openScheduler({
    appKey: options.appKey,
    limits: resolveLimits(options.limits),
    logger: options.logger,
    onRateLimited: options.onRateLimited,
  });
}

export { LimiterClosedError, LimiterUnavailableError } from './errors.js';
export { type LimitsOptions, limitsSchema } from './options.js';
export { type CallScheduler, type RateLimitedEvent, type ScheduleOptions } from './scheduler.js';
export { SchedulerHandle } from './registry.js';
export { UnlimitedScheduler } from './unlimited.js';
export {
  countWindowViolations,
  idealCountAfter,
  idealCountWithin,
  maxInSlidingWindow,
  utilisation,
  type WindowRule,
} from './windows.js';
