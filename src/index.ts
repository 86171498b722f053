/** open1688: the public surface. Re-exports only. */
export * from './errors.js';
export * from './signing/index.js';
export {
  Clock,
  beijingTimestamp,
  defaultClock,
  getClockOffsetMs,
  offsetFromDateHeader,
  setClockOffsetMs,
} from './clock.js';
export { OpenClient, type RequestOptions } from './client.js';
export {
  resolveOptions,
  optionsFromEnv,
  DEFAULT_BASE_URLS,
  type ClientOptions,
  type TokenProvider,
} from './options.js';
export type { Logger } from './logger.js';
export type { LimitsOptions } from './limiter/options.js';
export type { TokenResult } from './client/tokens.js';
export { parseJsonExact } from './transport/json.js';
export {
  FAULT_KINDS,
  SANDBOX_APIS,
  SANDBOX_DEFAULTS,
  startSandbox,
  type AppStats,
  type FaultKind,
  type FaultSpec,
  type LimitSettings,
  type Sandbox,
  type SandboxAppOptions,
  type SandboxClockOptions,
  type SandboxDialect,
  type SandboxLogEntry,
  type SandboxOptions,
  type SandboxOutcome,
  type SandboxStats,
} from './sandbox/index.js';
export * from './model/index.js';
export * from './cache/index.js';
export * from './methods/index.js';
export {
  countWindowViolations,
  createScheduler,
  idealCountWithin,
  LimiterClosedError,
  LimiterUnavailableError,
  maxInSlidingWindow,
  UnlimitedScheduler,
  utilisation,
  type CallScheduler,
  type CreateSchedulerOptions,
  type RateLimitedEvent,
  type ScheduleOptions,
  type WindowRule,
} from './limiter/index.js';
