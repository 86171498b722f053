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
  type Logger,
  type TokenProvider,
  type LimitsOptions,
} from './options.js';
export type { TokenResult } from './client/tokens.js';
export { parseJsonExact } from './transport/json.js';
// Of the messages, only the 1688 push check lives here; the TMC consumer, dedupe stores and SPI are in open1688/messages.
export { verifyAopPush, type AopPushForm, type AopPushMessage } from './messages/aop-push.js';
export {
  aopPushHandler,
  type AopPushHandlerOptions,
  type AopPushRejection,
  type PushRequestHandler,
} from './messages/aop-push-handler.js';
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
