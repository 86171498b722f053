/**
 * The events a client hands to its hooks: one discriminated union on `type`, so that one listener
 * (`hooks.onEvent`) can `switch` over every event, and each named hook gets its own shape. Every
 * event of a call carries the call's `callId`, which ties its requests, answers and retries
 * together. Nothing here holds a credential: requests are the redacted description, errors a summary
 * whose text the client has already redacted.
 *
 * The events are type aliases, not interfaces, so that they stay assignable to
 * `Record<string, unknown>` (what the hooks received before they were typed).
 */
import type { Dialect, OpenApiError, RedactedRequest } from '../errors.js';

/** What every event of one call carries. */
export type CallEventBase = {
  /** Unique per call (a UUID): the same on every event of the call, across its attempts. */
  callId: string;
  /** The API as given to `call` (TOP method, AOP `namespace/apiName`, OneBound api_name). */
  apiName: string;
  dialect: Dialect;
  /** The attempt the event is about, from 1 (0 on `call-start`: none has started). */
  attempt: number;
};

/** An error as the hooks see it: the class and the gateway's codes, with the client's redacted message. */
export type HookError = {
  /** The error class: `RateLimitError`, `NetworkError` … */
  name: string;
  code: string | undefined;
  subCode: string | undefined;
  httpStatus: number | undefined;
  retryable: boolean;
  /** Already redacted by the client, like every error message it throws. */
  message: string;
};

/** The call was made: it now waits for the rate limiter. */
export type CallStartEvent = CallEventBase & {
  type: 'call-start';
  /** Epoch ms (`Date.now()`). */
  startedAt: number;
};

/** An attempt left the queue and is about to be sent (also what `hooks.headers` is asked with). */
export type RequestEvent = CallEventBase & {
  type: 'request';
  /** How long this attempt waited in the rate limiter's queue, from enqueue to its turn (ms). */
  queuedMs: number;
  /** Method, URL without query and parameter names: never a value. */
  request: RedactedRequest;
};

/** An attempt got an answer (of any HTTP status; the dialect reads it next). */
export type ResponseEvent = CallEventBase & {
  type: 'response';
  httpStatus: number;
  /** This attempt's wait in the queue (ms). */
  queuedMs: number;
  /** On the wire: from handing the request to the transport to the whole answer (ms). */
  wireMs: number;
  /** Same as `wireMs` (the name the untyped events used). */
  durationMs: number;
  /** The gateway's `X-Request-Id`, redacted. */
  requestId: string | undefined;
};

/** An attempt failed and the call tries again after `delayMs` (on another URL when `failover`). */
export type RetryEvent = CallEventBase & {
  type: 'retry';
  delayMs: number;
  failover: boolean;
  /** The URL the next attempt goes to, when it fails over. */
  url: string | undefined;
  /** The failed attempt's time on the wire (ms), when it was sent. */
  wireMs: number | undefined;
  error: HookError;
};

/**
 * The gateway or the queue said "too many". `source: 'gateway'` with a `callId` comes from a call
 * whose answer was a rate-limit error; events without a call come from the shared limiter (a pause
 * another client or process announced, or `maxQueued` refusing a call).
 */
export type RateLimitedHookEvent = Partial<CallEventBase> & {
  type: 'rate-limited';
  source: 'gateway' | 'queue-full';
  /** The pause applied to every call of the app key (ms). */
  pauseMs: number;
  /** Epoch ms at which calls start again, when the limiter reports it. */
  resumeAt?: number | undefined;
  appKey?: string | undefined;
  /** The gateway's error code and sub-code, for a call's event. */
  code?: string | undefined;
  subCode?: string | undefined;
  /** What the gateway announced (Retry-After or the ban in its message), in ms. */
  retryAfterMs?: number | undefined;
};

/** What both ends of a call carry: its totals. */
type CallEndBase = CallEventBase & {
  type: 'call-end';
  /** Attempts sent or started (the same as `attempt`). */
  attempts: number;
  /** Time waited in the rate limiter's queue, all attempts together (ms). */
  queuedMs: number;
  /** Time on the wire, all attempts together (ms). */
  wireMs: number;
  /** From `call-start` to this event (ms). */
  durationMs: number;
};

/** The call returned its payload. */
export type CallSuccessEvent = CallEndBase & { outcome: 'success' };

/** The call failed for good: `error` is what it throws, summarised. */
export type CallErrorEvent = CallEndBase & { outcome: 'error'; error: HookError };

/** The end of a call, either way: narrow on `outcome`. */
export type CallEndEvent = CallSuccessEvent | CallErrorEvent;

/** Every event a client emits: narrow on `type` (and `outcome` for `call-end`). */
export type HookEvent =
  CallStartEvent | RequestEvent | ResponseEvent | RetryEvent | RateLimitedHookEvent | CallEndEvent;

/** The error summary of an event: no request, no cause, no stack. */
export function hookError(error: OpenApiError): HookError {
  return {
    name: error.name,
    code: error.code,
    subCode: error.subCode,
    httpStatus: error.httpStatus,
    retryable: error.retryable,
    message: error.message,
  };
}
