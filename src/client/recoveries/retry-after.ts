/** The wait the server announced: the error's own (TOP ban length, 1688 "retry in 3 s") or `Retry-After`. */
import { RateLimitError, type OpenApiError } from '../../errors.js';
import { parseRetryAfter } from '../../transport/retry.js';
import type { CallState } from '../call-state.js';

export function announcedWaitMs(error: OpenApiError, state: CallState): number | undefined {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const response = state.lastResponse;
  return response ? parseRetryAfter(response.headers['retry-after'], Date.now()) : undefined;
}
