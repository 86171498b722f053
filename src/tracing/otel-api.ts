/**
 * `@opentelemetry/api`, an optional peer dependency, loaded on the first traced call: a user without
 * it pays one failed `require` per process and nothing per call. The types here are the small part
 * of the API the client uses, written out so that no public type of open1688 names the package
 * (a user without it must still type-check); `satisfies` below checks them against the real API.
 */

/** OpenTelemetry's `Context`: opaque to the client. */
export type OtelContext = object;

/** Attribute values the client sets. */
export type OtelAttributes = Record<string, string | number | boolean | undefined>;

/** The part of a `Span` the client uses. */
export interface OtelSpan {
  setAttributes(attributes: OtelAttributes): unknown;
  addEvent(name: string, attributes?: OtelAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** The part of `@opentelemetry/api` the client uses. */
export interface OtelApi {
  trace: {
    getTracer(
      name: string,
      version?: string,
    ): {
      startSpan(
        name: string,
        options?: { kind?: number; attributes?: OtelAttributes },
        context?: OtelContext,
      ): OtelSpan;
    };
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
  };
  context: {
    active(): OtelContext;
    with<R>(context: OtelContext, fn: () => R): R;
  };
  propagation: {
    inject(context: OtelContext, carrier: Record<string, string>): void;
  };
  SpanKind: { readonly CLIENT: number };
  SpanStatusCode: { readonly ERROR: number };
}

const MODULE = '@opentelemetry/api';

/** Undefined: not tried yet; null: not installed (or not an API this client knows). */
let loaded: OtelApi | null | undefined;
let loading: Promise<OtelApi | null> | undefined;

/**
 * The API when installed. The CommonJS build (and Jest) loads it synchronously with `require`; the
 * ES module build has no `require` and imports it, so its first calls wait for that import once.
 */
export function otelApi(): OtelApi | null | Promise<OtelApi | null> {
  if (loaded !== undefined) return loaded;
  if (typeof require === 'function') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = usable(require(MODULE));
    } catch {
      loaded = null;
    }
    return loaded;
  }
  loading ??= import('@opentelemetry/api').then(
    (module) => (loaded = usable(module satisfies OtelApi)),
    () => (loaded = null),
  );
  return loading;
}

/** The module when it has the functions the client calls (an unrelated or broken install counts as absent). */
function usable(module: unknown): OtelApi | null {
  const api = module as Partial<OtelApi> | null | undefined;
  return typeof api?.trace?.getTracer === 'function' &&
    typeof api.trace.setSpan === 'function' &&
    typeof api.context?.active === 'function' &&
    typeof api.context.with === 'function' &&
    typeof api.propagation?.inject === 'function' &&
    api.SpanKind !== undefined &&
    api.SpanStatusCode !== undefined
    ? (api as OtelApi)
    : null;
}
