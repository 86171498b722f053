/**
 * One attempt, run inside the scheduler: sign afresh (new timestamp, the current token), send
 * through the transport, read the envelope into the payload or a typed error. Each attempt is told
 * to the hooks and the logger with the redacted request only, and the answer's headers are
 * redacted before anything reads them (a gateway may echo the request into `X-Request-Id`).
 */
import { LimiterClosedError } from '../limiter/errors.js';
import type { TransportResponse } from '../transport/transport.js';
import { OAUTH_API } from './tokens.js';
import { readResponse } from './read-response.js';
import { recordAnswer } from './record-answer.js';
import { deadlineError, type AttemptResponse, type CallState } from './call-state.js';
import { assertRequestSize } from './request-size.js';
import type { CallRuntime } from './runtime.js';
import { fromTransportFailure, type AttemptContext } from './transport-failure.js';

export async function runAttempt(runtime: CallRuntime, state: CallState): Promise<unknown> {
  const { apiName } = state;
  const { dialect, events, redactor } = runtime;
  if (runtime.tokens !== undefined && apiName !== OAUTH_API) state.token = await runtime.tokens.current();
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
  });
  assertRequestSize(prepared, { maxBodyBytes: runtime.defaults.maxBodyBytes, dialect, apiName });
  const signature = prepared.signature;
  const redact = (text: string): string => redactor.text(text, [signature]);
  const context: AttemptContext = { dialect, apiName, request: prepared.redacted, redact };
  const timeoutMs = Math.min(state.timeoutMs, state.deadlineAt - Date.now());
  if (timeoutMs <= 0) throw deadlineError(runtime, state);
  if (events.has('beforeRequest')) {
    events.emit('beforeRequest', { apiName, dialect, attempt: state.attempt, request: prepared.redacted });
  }
  events.log('debug', { apiName, attempt: state.attempt, request: prepared.redacted }, 'open1688: request');

  const sentAtMs = Date.now();
  let answer;
  try {
    // Only what goes on the wire: the transport never sees the parameter values or the signature apart.
    const request = { method: prepared.method, url: prepared.url, body: prepared.body };
    answer = await runtime.transport.send(request, { timeoutMs, signal: state.signal });
  } catch (thrown) {
    throw fromTransportFailure(thrown, context);
  }
  const response: AttemptResponse = { ...redactHeaders(answer, redact), sentAtMs, receivedAtMs: Date.now() };
  // Awaited only with a recorder: without one, the attempt's timing is exactly as before.
  if (runtime.recorder !== undefined) await recordAnswer(runtime, apiName, prepared, answer, redact);
  state.lastResponse = response;
  runtime.urls.answered(state.urlIndex, response.status);
  if (events.has('afterResponse')) {
    events.emit('afterResponse', {
      apiName,
      dialect,
      attempt: state.attempt,
      httpStatus: response.status,
      durationMs: response.receivedAtMs - response.sentAtMs,
      requestId: response.headers['x-request-id'],
    });
  }
  return readResponse({ adapter: runtime.adapter, apiName, prepared, response, redactor, redact });
}

/** The answer with its free-text header (`X-Request-Id`) redacted; `Date` and `Retry-After` are only parsed. */
function redactHeaders(answer: TransportResponse, redact: (text: string) => string): TransportResponse {
  const requestId = answer.headers['x-request-id'];
  if (requestId === undefined) return answer;
  return { ...answer, headers: { ...answer.headers, 'x-request-id': redact(requestId) } };
}
