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
export {
  countWindowViolations,
  createScheduler,
  idealCountWithin,
  LimiterClosedError,
  LimiterUnavailableError,
  LocalLimiter,
  maxInSlidingWindow,
  RedisLimiter,
  SlidingWindowGate,
  UnlimitedScheduler,
  utilisation,
  type CallScheduler,
  type CreateSchedulerOptions,
  type RateLimitedEvent,
  type ScheduleOptions,
  type WindowRule,
} from './limiter/index.js';
