/**
 * The attempt loop of one call. Each attempt goes through the scheduler (the rate limiter), signs
 * afresh and is read into a payload or a typed error; a failure is handed to the recoveries, which
 * decide: again at once, a retry after a wait (maybe on another URL), or the end of the call. The
 * loop itself only keeps time: the caller's abort signal and the call's deadline, and it starts
 * no attempt once the client is closing. It also tells the call's start and end (hooks, span), and
 * how long each attempt waited in the queue.
 */
import { TimeoutError, type OpenApiError } from '../errors.js';
import { LimiterClosedError } from '../limiter/errors.js';
import { runAttempt } from './attempt.js';
import {
  abortError,
  deadlineError,
  queueBound,
  queueTimeoutError,
  sleep,
  startDeadline,
  type CallState,
} from './call-state.js';
import { hookError } from './hook-events.js';
import { asOpenApiError, RECOVERIES, type Decision } from './recoveries/index.js';
import type { CallRuntime } from './runtime.js';
import { beginCall, callTotals, succeed } from './call-report.js';

export async function runCall(runtime: CallRuntime, state: CallState): Promise<unknown> {
  // Only the ES module build's first traced calls wait here (for `import('@opentelemetry/api')`):
  // otherwise the first attempt is queued synchronously, in the order the calls were made.
  const loading = beginCall(runtime, state);
  if (loading !== undefined) await loading;
  for (;;) {
    if (state.signal?.aborted) throw fail(runtime, state, abortError(runtime, state));
    // Closing: the call ends with what its last attempt got, or, if it never sent one, as not sent.
    if (runtime.lifecycle.closing) throw fail(runtime, state, state.lastError ?? closedError(runtime));
    if (Date.now() >= state.deadlineAt) throw fail(runtime, state, state.lastError ?? deadlineError(runtime, state));
    state.attempt += 1;
    state.lastResponse = undefined;
    state.attemptWireMs = undefined;
    const bound = queueBound(state);
    const enqueuedAt = Date.now();
    let started = false;
    let payload: unknown;
    try {
      // Read (and, near its expiry, refreshed) before the call takes a turn: a refresh is a call of
      // its own and must not wait for the turn this one would be holding.
      if (state.seller !== undefined && runtime.sellers !== undefined) {
        state.token = await runtime.sellers.current(state.seller);
      }
      const task = (): Promise<unknown> => {
        started = true;
        state.attemptQueuedMs = Date.now() - enqueuedAt;
        state.queuedMs += state.attemptQueuedMs;
        startDeadline(state);
        return runAttempt(runtime, state);
      };
      payload = await runtime.scheduler.schedule(task, {
        priority: state.priority,
        signal: state.signal,
        ...(bound.maxWaitMs === undefined ? {} : { maxWaitMs: bound.maxWaitMs }),
      });
    } catch (thrown) {
      // A wait that ended in the queue (its timeout, an abort, the client closing) still counts as queued.
      if (!started) state.queuedMs += Date.now() - enqueuedAt;
      const error = failureOf(thrown, runtime, state, bound.byDeadline);
      state.lastError = error;
      const decision = await decide(error, state, runtime);
      if (decision.kind === 'fail') throw fail(runtime, state, decision.error);
      if (decision.kind === 'retry') await retry(runtime, state, error, decision);
      continue;
    }
    succeed(runtime, state);
    return payload;
  }
}

async function decide(error: OpenApiError, state: CallState, runtime: CallRuntime): Promise<Decision> {
  for (const recovery of RECOVERIES) {
    const decision = await recovery(error, state, runtime);
    if (decision !== undefined) return decision;
  }
  return { kind: 'fail', error };
}

/** What an attempt's rejection means for this call: the caller's abort and the deadline come first. */
function failureOf(thrown: unknown, runtime: CallRuntime, state: CallState, byDeadline: boolean): OpenApiError {
  if (state.signal?.aborted) return abortError(runtime, state);
  // The scheduler gave up waiting for a unit: the call's deadline passed in the queue, or its queueTimeoutMs.
  if (thrown instanceof TimeoutError && thrown.code === 'queue-timeout') {
    return byDeadline ? deadlineError(runtime, state) : queueTimeoutError(runtime, state);
  }
  if (thrown instanceof LimiterClosedError) {
    // The client closed while this attempt waited for its turn: it never started, and a call that
    // sent an earlier attempt reports what happened to that one.
    state.attempt -= 1;
    return state.lastError ?? thrown;
  }
  return asOpenApiError(thrown, state, runtime);
}

function closedError(runtime: CallRuntime): LimiterClosedError {
  return new LimiterClosedError(runtime.appKey);
}

async function retry(
  runtime: CallRuntime,
  state: CallState,
  error: OpenApiError,
  decision: Extract<Decision, { kind: 'retry' }>,
): Promise<void> {
  const { apiName } = state;
  const failover = decision.urlIndex !== state.urlIndex;
  state.retriesUsed += 1;
  state.urlIndex = decision.urlIndex;
  state.span?.retried(state.attempt, error, decision.waitMs);
  if (runtime.events.has('retry')) {
    runtime.events.emit({
      type: 'retry',
      callId: state.callId,
      apiName,
      dialect: runtime.dialect,
      attempt: state.attempt,
      delayMs: decision.waitMs,
      failover,
      url: failover ? runtime.urls.url(state.urlIndex) : undefined,
      wireMs: state.attemptWireMs,
      error: hookError(error),
    });
  }
  runtime.events.log(
    'warn',
    { apiName, attempt: state.attempt, delayMs: decision.waitMs, failover, error: error.toJSON() },
    `open1688: ${apiName} attempt ${state.attempt} failed (${error.name}), retrying`,
  );
  if (decision.sleepMs > 0) await sleep(decision.sleepMs, state, runtime.lifecycle.signal);
}

/** Sets the attempt count, reports the failure (hooks, span), and returns the error to throw. */
function fail(runtime: CallRuntime, state: CallState, error: OpenApiError): OpenApiError {
  error.attempts = Math.max(error.attempts, state.attempt);
  state.span?.end(error.attempts, error);
  if (runtime.events.has('call-end')) {
    runtime.events.emit({
      ...callTotals(runtime, state, error.attempts),
      outcome: 'error' as const,
      error: hookError(error),
    });
  }
  runtime.events.log('error', { apiName: state.apiName, error: error.toJSON() }, `open1688: ${state.apiName} failed`);
  return error;
}
