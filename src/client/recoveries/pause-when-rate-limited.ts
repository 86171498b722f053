/**
 * The gateway still said "too many": hold back every call of the app key (the scheduler's pause),
 * for as long as the server announced or one backoff step, and tell the logger and the hook. This
 * step decides nothing; whether this call tries again is the next step's business.
 */
import { RateLimitError } from '../../errors.js';
import { backoffMs } from '../../transport/retry.js';
import type { RateLimitedHookEvent } from '../hook-events.js';
import type { Recovery } from './decision.js';
import { announcedWaitMs } from './retry-after.js';

export const pauseWhenRateLimited: Recovery = (error, state, runtime) => {
  if (!(error instanceof RateLimitError) || error.local) return undefined;
  const retryAfterMs = announcedWaitMs(error, state);
  const { policy } = state;
  const askedMs = retryAfterMs ?? Math.max(backoffMs(policy, state.retriesUsed + 1), policy.minDelayMs);
  // The client reports the event itself (with the API and code), so the scheduler stays quiet.
  // The pause applied: a server's wait beyond limits.maxPauseMs is cut to it.
  const pauseMs = runtime.scheduler.pauseFor(askedMs, { reported: true });
  const event: RateLimitedHookEvent = {
    type: 'rate-limited',
    source: 'gateway',
    callId: state.callId,
    apiName: state.apiName,
    dialect: runtime.dialect,
    attempt: state.attempt,
    pauseMs,
    code: error.code,
    subCode: error.subCode,
    retryAfterMs,
  };
  runtime.events.log('warn', event, `open1688: ${state.apiName} rate-limited by the gateway, pausing ${pauseMs} ms`);
  runtime.events.emit(event);
  return undefined;
};
