/**
 * `open1688/limiter`: the per-app-key rate limiter on its own, for code that calls the gateways
 * without `OpenClient` (the client uses the same one for every call).
 */
export { createScheduler, type CreateSchedulerOptions } from './index.js';
export { LimiterClosedError, LimiterUnavailableError } from './errors.js';
export type { LimitsOptions } from './options.js';
export type { CallScheduler, RateLimitedEvent, ScheduleOptions } from './scheduler.js';
/** Judging a log of request times against sliding-window limits (what the tests and benchmarks use). */
export { countWindowViolations, maxInSlidingWindow, type WindowRule } from './windows.js';
