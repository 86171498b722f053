/** The pino-style logger the limiter reports to; silent unless one is given. */
export interface Logger {
  debug(objOrMsg: unknown, msg?: string): void;
  info(objOrMsg: unknown, msg?: string): void;
  warn(objOrMsg: unknown, msg?: string): void;
  error(objOrMsg: unknown, msg?: string): void;
}

const noop = (): void => {};
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** What `onRateLimited` receives when the whole client holds back. */
export interface RateLimitedEvent {
  appKey: string;
  /** `gateway`: the gateway still said "too many" and everything pauses; `queue-full`: `maxQueued` refused a call. */
  source: 'gateway' | 'queue-full';
  pauseMs: number;
  /** Epoch ms at which calls start again (`Date.now()` based). */
  resumeAt: number;
}
