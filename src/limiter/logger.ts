/** The pino-style logger the limiter reports to (the client's `Logger` has this shape); silent unless given. */
export interface Logger {
  debug(object: Record<string, unknown>, message?: string): void;
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
  error(object: Record<string, unknown>, message?: string): void;
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
