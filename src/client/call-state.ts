/**
 * What one call remembers across its attempts, and the three things every step may need from it:
 * the call's own abort and deadline errors, and a wait that the caller's signal ends.
 */
import { randomUUID } from 'node:crypto';
import type { RequestOptions } from '../call-options.js';
import type { HttpMethod } from '../dialects/types.js';
import { AbortError, TimeoutError, type OpenApiError } from '../errors.js';
import type { NormalizedParams } from '../signing/normalize.js';
import type { CallSpan } from '../tracing/call-span.js';
import type { RetryPolicy } from '../transport/retry.js';
import type { TransportResponse } from '../transport/transport.js';
import type { CallRuntime } from './runtime.js';

/** An answer as the call loop keeps it: the transport's, with when it was sent and received. */
export interface AttemptResponse extends TransportResponse {
  sentAtMs: number;
  receivedAtMs: number;
}

export interface CallState {
  /** Unique per call: ties the call's events (and its span) together. */
  readonly callId: string;
  /** Epoch ms when the call was made, before it waited for the rate limiter. */
  readonly startedAt: number;
  readonly apiName: string;
  readonly params: NormalizedParams;
  readonly httpMethod: HttpMethod;
  readonly timeoutMs: number;
  /** The call's own time, counted from when it first leaves the rate limiter's queue. */
  readonly deadlineMs: number;
  /** When the call's time is up: +Infinity until it first leaves the queue (`startDeadline`). */
  deadlineAt: number;
  /** The longest each wait in the queue may last (no bound when undefined). */
  readonly queueTimeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly priority: number | undefined;
  readonly policy: RetryPolicy;
  /** Safe to repeat after an unclear failure. */
  readonly idempotent: boolean;
  /** Attempts started so far. */
  attempt: number;
  /** Retries used so far (token refreshes and clock corrections are not retries). */
  retriesUsed: number;
  /** The gateway URL the next attempt goes to. */
  urlIndex: number;
  /** The access token the last attempt sent (AOP). */
  token: string | undefined;
  /** TOP: the call's own session, over the client's. */
  readonly session: string | undefined;
  /** AOP: the call's own access token (never refreshed). */
  readonly callToken: string | undefined;
  /** AOP: the seller whose stored tokens the call uses. */
  readonly seller: string | undefined;
  /** The last attempt's answer, when there was one. */
  lastResponse: AttemptResponse | undefined;
  lastError: OpenApiError | undefined;
  /** Recoveries that may run once per call and have run (token refresh, clock correction …). */
  readonly done: Set<string>;
  /** Time in the rate limiter's queue: the current attempt's, and all attempts' together (ms). */
  attemptQueuedMs: number;
  queuedMs: number;
  /** Time on the wire: the last attempt's (undefined when it was not sent), and all attempts' (ms). */
  attemptWireMs: number | undefined;
  wireMs: number;
  /** The call's OpenTelemetry span, when tracing is on and `@opentelemetry/api` is installed. */
  span: CallSpan | undefined;
}

export function createCallState(
  runtime: CallRuntime,
  apiName: string,
  params: NormalizedParams,
  options: RequestOptions,
  policy: RetryPolicy,
): CallState {
  return {
    callId: randomUUID(),
    startedAt: Date.now(),
    apiName,
    params,
    httpMethod: options.httpMethod ?? runtime.adapter.defaultMethod,
    timeoutMs: options.timeoutMs ?? runtime.defaults.timeoutMs,
    deadlineMs: options.deadlineMs ?? runtime.defaults.deadlineMs,
    deadlineAt: Number.POSITIVE_INFINITY,
    queueTimeoutMs: options.queueTimeoutMs ?? runtime.defaults.queueTimeoutMs,
    signal: options.signal,
    priority: options.priority,
    policy,
    idempotent: options.idempotent ?? runtime.adapter.isRead(apiName),
    attempt: 0,
    retriesUsed: 0,
    urlIndex: runtime.urls.startIndex(),
    token: undefined,
    session: options.session,
    callToken: options.accessToken,
    seller: options.seller,
    lastResponse: undefined,
    lastError: undefined,
    done: new Set(),
    attemptQueuedMs: 0,
    queuedMs: 0,
    attemptWireMs: undefined,
    wireMs: 0,
    span: undefined,
  };
}

/**
 * Starts the call's deadline, once: when its first attempt leaves the queue. Time spent waiting for
 * the rate limiter is bounded by `queueTimeoutMs`, not by `deadlineMs`, so a batch queued behind a
 * per-minute quota does not time out before it had its turn.
 */
export function startDeadline(state: CallState): void {
  if (state.deadlineAt === Number.POSITIVE_INFINITY) state.deadlineAt = Date.now() + state.deadlineMs;
}

/** How long the next wait in the queue may last: `queueTimeoutMs`, and what is left of a started deadline. */
export function queueBound(state: CallState): { maxWaitMs: number | undefined; byDeadline: boolean } {
  const left = Math.max(0, state.deadlineAt - Date.now());
  const queue = state.queueTimeoutMs ?? Number.POSITIVE_INFINITY;
  const maxWaitMs = Math.min(left, queue);
  return { maxWaitMs: Number.isFinite(maxWaitMs) ? maxWaitMs : undefined, byDeadline: left < queue };
}

export function queueTimeoutError(runtime: CallRuntime, state: CallState): TimeoutError {
  return new TimeoutError({
    message: `${state.apiName}: waited ${state.queueTimeoutMs} ms for the rate limiter without being sent (queueTimeoutMs)`,
    code: 'queue-timeout',
    dialect: runtime.dialect,
    apiName: state.apiName,
  });
}

/** True the first time `name` is asked for in this call: for recoveries that may run once. */
export function firstTime(state: CallState, name: string): boolean {
  if (state.done.has(name)) return false;
  state.done.add(name);
  return true;
}

export function deadlineError(runtime: CallRuntime, state: CallState): TimeoutError {
  return new TimeoutError({
    message: `${state.apiName}: the call's deadline passed`,
    code: 'deadline',
    dialect: runtime.dialect,
    apiName: state.apiName,
  });
}

export function abortError(runtime: CallRuntime, state: CallState): AbortError {
  return new AbortError({
    message: `${state.apiName}: aborted by the caller`,
    code: 'ABORT_ERR',
    dialect: runtime.dialect,
    apiName: state.apiName,
  });
}

/**
 * Waits between attempts; the caller's signal, the client's closing and the deadline end the wait
 * (and leave no timer or listener behind).
 */
export function sleep(ms: number, state: CallState, closing?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const signals = [state.signal, closing].filter((signal) => signal !== undefined);
    if (signals.some((signal) => signal.aborted)) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, Math.max(0, state.deadlineAt - Date.now())));
    for (const signal of signals) signal.addEventListener('abort', done, { once: true });
  });
}
