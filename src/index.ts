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
