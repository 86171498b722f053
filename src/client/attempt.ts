/**
 * One attempt, run inside the scheduler: sign afresh (new timestamp, the current token), send
 * through the transport, read the envelope into the payload or a typed error. Each attempt is told
 * to the hooks and the logger with the redacted request only, and the answer's headers are
 * redacted before anything reads them (a gateway may echo the request into `X-Request-Id`). The
 * request carries the headers of `hooks.headers` and the call span's trace context.
 */
import { LimiterClosedError } from '../limiter/errors.js';
import { SENSITIVE_PARAMS } from '../transport/redact.js';
import type { TransportResponse } from '../transport/transport.js';
import { OAUTH_API } from './tokens.js';
import { readResponse } from './read-response.js';
import { recordAnswer } from './record-answer.js';
import { deadlineError, type AttemptResponse, type CallState } from './call-state.js';
import type { RequestEvent } from './hook-events.js';
import { attemptHeaders } from './attempt-headers.js';
import { assertRequestSize } from './request-size.js';
import type { CallRuntime } from './runtime.js';
import { fromTransportFailure, type AttemptContext } from './transport-failure.js';

export async function runAttempt(runtime: CallRuntime, state: CallState): Promise<unknown> {
  const { apiName } = state;
  const { dialect, events, redactor } = runtime;
  // A seller's token was read from the store before the call took its turn (call-loop.ts).
  if (state.callToken !== undefined) state.token = state.callToken;
  else if (runtime.tokens !== undefined && state.seller === undefined && apiName !== OAUTH_API) {
    state.token = await runtime.tokens.current();
  }
  // The client began closing while this attempt waited for its turn (or its token): it is not sent.
  if (runtime.lifecycle.closing) throw new LimiterClosedError(runtime.appKey);
  const prepared = runtime.adapter.build({
    apiName,
    params: state.params,
    baseUrl: runtime.urls.url(state.urlIndex),
    httpMethod: state.httpMethod,
    nowMs: runtime.clock.now(),
    beijingTimestamp: runtime.clock.timestamp(),
    accessToken: state.token,
    session: state.session,
  });
  assertRequestSize(prepared, { maxBodyBytes: runtime.defaults.maxBodyBytes, dialect, apiName });
  // The signature, and every credential this request carries that the client may not know of (a
  // call's own session or token, a seller's tokens): masked in whatever this attempt reports.
  const extra = [prepared.signature, ...credentialValues(prepared.params).filter((value) => !redactor.knows(value))];
  const redact = (text: string): string => redactor.text(text, extra);
  const context: AttemptContext = { dialect, apiName, request: prepared.redacted, redact };
  const timeoutMs = Math.min(state.timeoutMs, state.deadlineAt - Date.now());
  if (timeoutMs <= 0) throw deadlineError(runtime, state);
  const requestEvent: RequestEvent = {
    type: 'request',
    callId: state.callId,
    apiName,
    dialect,
    attempt: state.attempt,
    queuedMs: state.attemptQueuedMs,
    request: prepared.redacted,
  };
  if (events.has('request')) events.emit(requestEvent);
  events.log('debug', { apiName, attempt: state.attempt, request: prepared.redacted }, 'open1688: request');
  const headers = await attemptHeaders(runtime, state, requestEvent);

  const sentAtMs = Date.now();
  let answer;
  try {
    // Only what goes on the wire: the transport never sees the parameter values or the signature apart.
    const request = { method: prepared.method, url: prepared.url, body: prepared.body, headers };
    const send = () => runtime.transport.send(request, { timeoutMs, signal: state.signal });
    answer = await (state.span === undefined ? send() : state.span.within(send));
  } catch (thrown) {
    onTheWire(state, sentAtMs);
    throw fromTransportFailure(thrown, context);
  }
  const receivedAtMs = onTheWire(state, sentAtMs);
  const response: AttemptResponse = { ...redactHeaders(answer, redact), sentAtMs, receivedAtMs };
  // Awaited only with a recorder: without one, the attempt's timing is exactly as before.
  if (runtime.recorder !== undefined) await recordAnswer(runtime, apiName, prepared, answer, redact);
  state.lastResponse = response;
  runtime.urls.answered(state.urlIndex, response.status);
  if (events.has('response')) {
    const wireMs = receivedAtMs - sentAtMs;
    events.emit({
      type: 'response',
      callId: state.callId,
      apiName,
      dialect,
      attempt: state.attempt,
      httpStatus: response.status,
      queuedMs: state.attemptQueuedMs,
      wireMs,
      durationMs: wireMs,
      requestId: response.headers['x-request-id'],
    });
  }
  return readResponse({ adapter: runtime.adapter, apiName, prepared, response, redactor, redact });
}

/** Counts the attempt's time on the wire; returns when it ended. */
function onTheWire(state: CallState, sentAtMs: number): number {
  const now = Date.now();
  state.attemptWireMs = now - sentAtMs;
  state.wireMs += state.attemptWireMs;
  return now;
}

function credentialValues(params: Readonly<Record<string, string>>): string[] {
  return Object.keys(params)
    .filter((name) => SENSITIVE_PARAMS.has(name))
    .map((name) => params[name] as string);
}

/** The answer with its free-text header (`X-Request-Id`) redacted; `Date` and `Retry-After` are only parsed. */
function redactHeaders(answer: TransportResponse, redact: (text: string) => string): TransportResponse {
  const requestId = answer.headers['x-request-id'];
  if (requestId === undefined) return answer;
  return { ...answer, headers: { ...answer.headers, 'x-request-id': redact(requestId) } };
}
