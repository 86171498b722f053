/**
 * Rate limits per app key: exact sliding windows for "qps" and "per minute", local to the process or
 * shared between processes through Redis. `createScheduler` is what the client calls. The Redis
 * limiter (and with it ioredis) is loaded only when a shared quota is first used, so that a user
 * without Redis never loads it.
 */
import type { Logger } from '../logger.js';
import { DeferredScheduler } from './deferred.js';
import { LocalLimiter } from './local-limiter.js';
import { type LimitsOptions, resolveLimits } from './options.js';
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

/** The limiter of one app key: local, shared through Redis when `limits.redis` is set, or none for `limits: false`. */
export function createScheduler(options: CreateSchedulerOptions): CallScheduler {
  if (options.limits === false) return new UnlimitedScheduler(options.appKey);
  const context = {
    appKey: options.appKey,
    limits: resolveLimits(options.limits),
    logger: options.logger,
    onRateLimited: options.onRateLimited,
  };
  if (context.limits.redis === undefined) return new LocalLimiter(context);
  return new DeferredScheduler(context.appKey, async () => {
    const { RedisLimiter } = await import('./redis-limiter.js');
    return new RedisLimiter(context);
  });
}

export { LimiterClosedError, LimiterUnavailableError } from './errors.js';
export { LocalLimiter } from './local-limiter.js';
export { type LimitsOptions, limitsSchema } from './options.js';
export { type CallScheduler, type RateLimitedEvent, type ScheduleOptions } from './scheduler.js';
export { UnlimitedScheduler } from './unlimited.js';
export { SlidingWindowGate } from './sliding-window.js';
export {
  countWindowViolations,
  idealCountWithin,
  maxInSlidingWindow,
  utilisation,
  type WindowRule,
} from './windows.js';
