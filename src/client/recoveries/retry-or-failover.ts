/**
 * The last step: repeat the call if the policy and the failure allow it, on the next URL when the
 * current one looks down, after the server's announced wait or a backoff step; or fail. A wait that
 * would outlast the call's deadline fails at once instead of sleeping into a timeout.
 */
import { RateLimitError, type OpenApiError } from '../../errors.js';
import { backoffMs, mayRetry, shouldFailover } from '../../transport/retry.js';
import type { Recovery } from './decision.js';
import { announcedWaitMs } from './retry-after.js';

export const retryOrFailover: Recovery = (error, state, runtime) => {
  const { policy } = state;
  if (state.retriesUsed >= policy.retries || !mayRetry(error, state.idempotent)) return { kind: 'fail', error };
  const retryAfterMs = announcedWaitMs(error, state);
  const failover = runtime.urls.canFailOver && shouldFailover(error);
  const urlIndex = failover ? runtime.urls.next(state.urlIndex) : state.urlIndex;
  const rateLimited = error instanceof RateLimitError;
  // A rate-limited call waits inside the scheduler (its pause); a new host is tried at once.
  const sleepMs = rateLimited
    ? 0
    : failover && retryAfterMs === undefined
      ? 0
      : (retryAfterMs ?? backoffMs(policy, state.retriesUsed + 1));
  const waitMs = rateLimited ? (retryAfterMs ?? 0) : sleepMs;
  if (Date.now() + waitMs >= state.deadlineAt) {
    return { kind: 'fail', error: rateLimited ? banTooLong(error, retryAfterMs) : error };
  }
  return { kind: 'retry', sleepMs, waitMs, urlIndex };
};

/** The server's rate-limit error, saying that its wait is longer than what is left of the call. */
function banTooLong(error: RateLimitError, retryAfterMs: number | undefined): OpenApiError {
  if (retryAfterMs === undefined || retryAfterMs === error.retryAfterMs) return error;
  return new RateLimitError({
    message: `${error.apiName ?? 'call'}: rate-limited for ${retryAfterMs} ms, longer than what is left of the call's deadline`,
    code: error.code,
    subCode: error.subCode,
    serverMessage: error.serverMessage,
    subMessage: error.subMessage,
    requestId: error.requestId,
    dialect: error.dialect,
    apiName: error.apiName,
    httpStatus: error.httpStatus,
    request: error.request,
    retryAfterMs,
  });
}
