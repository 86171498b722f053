/**
 * The one logger shape of the SDK (pino's: an object, then a message), used by the client, the
 * limiter and the CLI. pino, bunyan-style wrappers and `console`-backed objects all fit.
 */
export interface Logger {
  /** Each attempt's redacted request. */
  debug(object: Record<string, unknown>, message?: string): void;
  /** Notable events such as an access token refresh. */
  info(object: Record<string, unknown>, message?: string): void;
  /** Retries, rate-limit pauses, clock corrections, throwing hooks. */
  warn(object: Record<string, unknown>, message?: string): void;
  /** A call that failed for good. */
  error(object: Record<string, unknown>, message?: string): void;
}

const noop = (): void => {};

/** The logger used when none is given: says nothing. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** True for an object with the four methods of `Logger`. */
export function isLogger(value: unknown): value is Logger {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['debug', 'info', 'warn', 'error'].every((level) => typeof (value as Record<string, unknown>)[level] === 'function')
  );
}
