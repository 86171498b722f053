/** Errors the limiter itself raises (the gateway's own rate-limit answers are `RateLimitError`s). */
import { OpenApiError } from '../errors.js';

/** The call was still waiting when `close()` was called; it was never sent. */
export class LimiterClosedError extends OpenApiError {
  static override readonly kind: string = 'LimiterClosedError';
  constructor(appKey: string) {
    super({
      message: `The rate limiter for app ${appKey} was closed before this call was sent`,
      code: 'limiter-closed',
    });
  }
}

/**
 * The shared quota cannot be consulted (Redis unreachable, refused, or failing). The call was not sent:
 * falling back to "unlimited" would get the app cut off by the gateway.
 */
export class LimiterUnavailableError extends OpenApiError {
  static override readonly kind: string = 'LimiterUnavailableError';
  constructor(message: string, cause?: unknown) {
    super({ message, code: 'limiter-unavailable', retryable: true, cause });
  }
}
