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
export * from './model/index.js';
export * from './cache/index.js';
