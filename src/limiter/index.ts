/**
 * Rate limits per app key: exact sliding windows for "qps" and "per minute", local to the process or
 * shared between processes through Redis. `createScheduler` is what the client calls.
 */
import { type Logger, type RateLimitedEvent } from './logger.js';
import { LocalLimiter } from './local-limiter.js';
import { type LimitsOptions, resolveLimits } from './options.js';
import { RedisLimiter } from './redis-limiter.js';
import { type CallScheduler, UnlimitedScheduler } from './scheduler.js';

/** The options of `createScheduler`: the app key, its limits, a logger and a rate-limit listener. */
export interface CreateSchedulerOptions {
  appKey: string;
  limits: LimitsOptions | false;
  logger?: Logger;
  /** Told when the gateway still answers "too many" or the queue is full. */
  onRateLimited?: (event: RateLimitedEvent) => void;
}

/** The limiter of one app key: local, shared through Redis when `limits.redis` is set, or none for `limits: false`. */
export function createScheduler(options: CreateSchedulerOptions): CallScheduler {
  if (options.limits === false) return new UnlimitedScheduler();
  const context = {
    appKey: options.appKey,
    limits: resolveLimits(options.limits),
    logger: options.logger,
    onRateLimited: options.onRateLimited,
  };
  return context.limits.redis === undefined ? new LocalLimiter(context) : new RedisLimiter(context);
}

export { LimiterClosedError, LimiterUnavailableError } from './errors.js';
export { type Logger, type RateLimitedEvent } from './logger.js';
export { LocalLimiter } from './local-limiter.js';
export { RedisLimiter } from './redis-limiter.js';
export { type LimitsOptions } from './options.js';
export { type CallScheduler, type ScheduleOptions, UnlimitedScheduler } from './scheduler.js';
export { SlidingWindowGate } from './sliding-window.js';
export {
  countWindowViolations,
  idealCountWithin,
  maxInSlidingWindow,
  utilisation,
  type WindowRule,
} from './windows.js';
