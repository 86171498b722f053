/**
 * One OpenTelemetry span per call (not per attempt: retries, pauses and failovers are the call's
 * events), named `open1688 <api>`, kind CLIENT, a child of the context active when the call was
 * made. Every attempt's request carries the span's context through the registered propagator
 * (W3C `traceparent` with the usual SDK setup), and the transport runs inside it, so that an HTTP
 * instrumentation's spans nest under the call. Attributes hold names, counts and codes only.
 */
import type { Dialect } from '../errors.js';
import type { OtelApi, OtelAttributes, OtelContext, OtelSpan } from './otel-api.js';

/** The name the client's tracer is registered under. */
export const TRACER_NAME = 'open1688';

/** What the call loop tells a span. */
export interface CallSpan {
  /** Adds the span's context (`traceparent` …) to an attempt's headers. */
  inject(headers: Record<string, string>): void;
  /** Runs `send` with the span's context active. */
  within<T>(send: () => T): T;
  /** A failed attempt that the call tries again. */
  retried(attempt: number, error: { name: string; code: string | undefined }, delayMs: number): void;
  /** Ends the span: the attempt count and the outcome, and the error class when it failed. */
  end(attempts: number, error?: { name: string; code: string | undefined }): void;
}

export function startCallSpan(api: OtelApi, call: { callId: string; apiName: string; dialect: Dialect }): CallSpan {
  const parent = api.context.active();
  const span = api.trace.getTracer(TRACER_NAME).startSpan(
    `${TRACER_NAME} ${call.apiName}`,
    {
      kind: api.SpanKind.CLIENT,
      attributes: defined({
        'rpc.system': TRACER_NAME,
        'rpc.service': call.dialect,
        'rpc.method': call.apiName,
        'open1688.api': call.apiName,
        'open1688.dialect': call.dialect,
        'open1688.call_id': call.callId,
      }),
    },
    parent,
  );
  const context = api.trace.setSpan(parent, span);
  return new OtelCallSpan(api, span, context);
}

class OtelCallSpan implements CallSpan {
  private ended = false;

  constructor(
    private readonly api: OtelApi,
    private readonly span: OtelSpan,
    private readonly context: OtelContext,
  ) {}

  inject(headers: Record<string, string>): void {
    safely(() => this.api.propagation.inject(this.context, headers));
  }

  within<T>(send: () => T): T {
    return this.api.context.with(this.context, send);
  }

  retried(attempt: number, error: { name: string; code: string | undefined }, delayMs: number): void {
    safely(() =>
      this.span.addEvent(
        'open1688.retry',
        defined({
          'open1688.attempt': attempt,
          'error.type': error.name,
          'open1688.error.code': error.code,
          'open1688.delay_ms': delayMs,
        }),
      ),
    );
  }

  end(attempts: number, error?: { name: string; code: string | undefined }): void {
    if (this.ended) return;
    this.ended = true;
    const attributes: OtelAttributes = {
      'open1688.attempts': attempts,
      'open1688.outcome': error === undefined ? 'success' : 'error',
    };
    if (error !== undefined) {
      attributes['error.type'] = error.name;
      attributes['open1688.error.code'] = error.code;
      const message = error.code === undefined ? error.name : `${error.name} ${error.code}`;
      safely(() => this.span.setStatus({ code: this.api.SpanStatusCode.ERROR, message }));
    }
    safely(() => {
      this.span.setAttributes(defined(attributes));
      this.span.end();
    });
  }
}

/** A broken tracer or propagator must not break calls: what it throws is dropped. */
function safely(step: () => unknown): void {
  try {
    step();
  } catch {
    // The call goes on untraced.
  }
}

/** Without the undefined values, which the SDK would warn about. */
function defined(attributes: OtelAttributes): OtelAttributes {
  const kept: OtelAttributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) kept[key] = value;
  return kept;
}
