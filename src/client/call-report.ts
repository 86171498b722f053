/**
 * The two ends of a call as the hooks and OpenTelemetry see them: `call-start` (and the span, when
 * tracing is on and `@opentelemetry/api` is installed) before the first attempt is queued, and
 * `call-end` with the call's totals (attempts, time queued, on the wire and overall).
 */
import { startCallSpan } from '../tracing/call-span.js';
import { otelApi, type OtelApi } from '../tracing/otel-api.js';
import type { CallState } from './call-state.js';
import type { CallSuccessEvent } from './hook-events.js';
import type { CallRuntime } from './runtime.js';

/** Reports the start; returns a promise only while the ES module build still imports the API. */
export function beginCall(runtime: CallRuntime, state: CallState): Promise<void> | undefined {
  if (runtime.events.has('call-start')) {
    runtime.events.emit({
      type: 'call-start',
      callId: state.callId,
      apiName: state.apiName,
      dialect: runtime.dialect,
      attempt: 0,
      startedAt: state.startedAt,
    });
  }
  if (!runtime.tracing) return undefined;
  const api = otelApi();
  if (!(api instanceof Promise)) return void startSpan(api, runtime, state);
  return api.then((loaded) => startSpan(loaded, runtime, state));
}

function startSpan(api: OtelApi | null, runtime: CallRuntime, state: CallState): void {
  if (api === null) return;
  try {
    state.span = startCallSpan(api, { callId: state.callId, apiName: state.apiName, dialect: runtime.dialect });
  } catch {
    // A broken tracer provider must not break calls: this one goes untraced.
  }
}

/** Reports a call that returned its payload. */
export function succeed(runtime: CallRuntime, state: CallState): void {
  state.span?.end(state.attempt);
  if (runtime.events.has('call-end'))
    runtime.events.emit({ ...callTotals(runtime, state, state.attempt), outcome: 'success' as const });
}

/** What both ends of a call report. */
export function callTotals(
  runtime: CallRuntime,
  state: CallState,
  attempts: number,
): Omit<CallSuccessEvent, 'outcome'> {
  return {
    type: 'call-end',
    callId: state.callId,
    apiName: state.apiName,
    dialect: runtime.dialect,
    attempt: attempts,
    attempts,
    queuedMs: state.queuedMs,
    wireMs: state.wireMs,
    durationMs: Date.now() - state.startedAt,
  };
}
