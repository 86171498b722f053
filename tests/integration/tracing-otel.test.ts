/**
 * OpenTelemetry through the SDK's in-memory exporter, against the sandbox over real sockets: one
 * CLIENT span per call with its API, dialect, attempt count and outcome; ERROR status and the error
 * class on failure; and the span's context on every attempt's request as a W3C `traceparent`,
 * which the sandbox's request log shows.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { OpenClient } from '../../src/index';
import { demoClientOptions } from '../../src/sandbox/demo-client';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure, sandboxClient, SEED_CALL, type DialectName } from '../support/sandbox-clients';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let sandbox: Sandbox;
const clients: OpenClient[] = [];

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  sandbox = await startSandbox({ limits: false });
});

afterEach(() => {
  exporter.reset();
  sandbox.reset();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.close();
  trace.disable();
  propagation.disable();
  await provider.shutdown();
});

function client(dialect: DialectName, extra: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const made = sandboxClient(sandbox, dialect, extra);
  clients.push(made);
  return made;
}

/** The trace and span id of a `traceparent` header (version 00, sampled or not). */
function traceparent(value: string | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(value ?? '');
  if (match === null) throw new Error(`not a traceparent: ${value}`);
  return { traceId: match[1]!, spanId: match[2]! };
}

function onlySpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('OpenTelemetry spans', () => {
  it.each(['top', 'aop', 'onebound'] as const)('%s: one CLIENT span per call, named after the API', async (dialect) => {
    const [api, params] = SEED_CALL[dialect];
    await client(dialect).call(api, params);
    const span = onlySpan();
    expect(span.name).toBe(`open1688 ${api}`);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      'rpc.system': 'open1688',
      'rpc.method': api,
      'open1688.api': api,
      'open1688.dialect': dialect,
      'open1688.attempts': 1,
      'open1688.outcome': 'success',
    });
    expect(span.attributes['error.type']).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("sends the span's traceparent on the request, with the span's trace and span id", async () => {
    await client('top').call(...SEED_CALL.top);
    const span = onlySpan();
    expect(sandbox.log).toHaveLength(1);
    const sent = traceparent(sandbox.log[0]!.headers?.traceparent);
    expect(sent.traceId).toBe(span.spanContext().traceId);
    expect(sent.spanId).toBe(span.spanContext().spanId);
  });

  it('counts the attempts of a retried call and sends the trace context on each of them', async () => {
    sandbox.faults.inject({ kind: 'http-503', count: 2 });
    await client('aop').call(...SEED_CALL.aop);
    const span = onlySpan();
    expect(span.attributes['open1688.attempts']).toBe(3);
    expect(span.attributes['open1688.outcome']).toBe('success');
    expect(span.events.map((event) => event.name)).toEqual(['open1688.retry', 'open1688.retry']);
    expect(span.events[0]!.attributes).toMatchObject({ 'open1688.attempt': 1, 'error.type': 'ServiceError' });
    expect(sandbox.log).toHaveLength(3);
    for (const entry of sandbox.log) {
      expect(traceparent(entry.headers?.traceparent).traceId).toBe(span.spanContext().traceId);
    }
  });

  it('marks a failed call ERROR with the error class, the code and the attempts', async () => {
    await failure(client('top', { appSecret: 'not-the-secret' }).call(...SEED_CALL.top));
    const span = onlySpan();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'SignatureError 25' });
    expect(span.attributes).toMatchObject({
      'open1688.outcome': 'error',
      'error.type': 'SignatureError',
      'open1688.error.code': '25',
      'open1688.attempts': 1,
    });
  });

  it('gives concurrent calls their own spans, each named in its own request', async () => {
    const c = client('onebound');
    await Promise.all([c.call(...SEED_CALL.onebound), c.call(...SEED_CALL.onebound)]);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    const sent = sandbox.log.map((entry) => traceparent(entry.headers?.traceparent).spanId).sort();
    expect(sent).toEqual(spans.map((span) => span.spanContext().spanId).sort());
  });

  it('keeps a hook header beside the trace context, which wins over a hook traceparent', async () => {
    const forged = '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01';
    await client('top', { hooks: { headers: () => ({ 'X-Tenant': 'acme', Traceparent: forged }) } }).call(
      ...SEED_CALL.top,
    );
    const headers = sandbox.log[0]!.headers!;
    expect(headers['x-tenant']).toBe('acme');
    expect(traceparent(headers.traceparent).traceId).toBe(onlySpan().spanContext().traceId);
  });

  it('puts no credential in a span', async () => {
    await client('aop').call(...SEED_CALL.aop);
    await failure(client('top', { appSecret: 'wrong-secret-value' }).call(...SEED_CALL.top));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    const text = JSON.stringify(
      spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })),
    );
    for (const secret of [
      SANDBOX_DEFAULTS.appSecret,
      SANDBOX_DEFAULTS.accessToken,
      SANDBOX_DEFAULTS.session,
      'wrong-secret-value',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it.each([
    ['tracing: false', () => client('top', { tracing: false })],
    [
      'OPEN1688_TRACING=false',
      () => {
        const made = OpenClient.fromEnv(
          { ...demoClientOptions(sandbox, 'top'), limits: false },
          { OPEN1688_TRACING: 'false' },
        );
        clients.push(made);
        return made;
      },
    ],
  ])('makes no span and sends no traceparent with %s', async (_name, make) => {
    await make().call(...SEED_CALL.top);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(sandbox.log).toHaveLength(1);
    expect(sandbox.log[0]!.headers?.traceparent).toBeUndefined();
  });
});

/**
 * The smallest context manager: the context given to `with` is active while `fn` runs synchronously
 * (enough here: a call starts its span before its first await). Real setups use AsyncLocalStorage.
 */
class StackContextManager implements ContextManager {
  private readonly stack: Context[] = [];
  active(): Context {
    return this.stack.at(-1) ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack.length = 0;
    return this;
  }
}

describe('the parent span', () => {
  afterEach(() => context.disable());

  it('makes the call span a child of the span active when the call was made, in its trace', async () => {
    context.setGlobalContextManager(new StackContextManager());
    const parent = trace.getTracer('the-app').startSpan('handle order');
    const call = context.with(trace.setSpan(context.active(), parent), () => client('top').call(...SEED_CALL.top));
    await call;
    parent.end();
    const span = exporter.getFinishedSpans().find((s) => s.name.startsWith('open1688'))!;
    expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(traceparent(sandbox.log[0]!.headers?.traceparent)).toEqual({
      traceId: parent.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
  });
});

describe('a broken OpenTelemetry setup', () => {
  afterEach(() => {
    trace.disable();
    propagation.disable();
  });

  it('leaves calls untraced but working when the tracer provider throws', async () => {
    trace.disable();
    trace.setGlobalTracerProvider({
      getTracer: () => {
        throw new Error('broken provider');
      },
    });
    await expect(client('top').call(...SEED_CALL.top)).resolves.toBeDefined();
    expect(sandbox.log).toHaveLength(1);
  });

  it('sends the call when the propagator throws', async () => {
    trace.disable();
    trace.setGlobalTracerProvider(provider);
    propagation.disable();
    propagation.setGlobalPropagator({
      inject: () => {
        throw new Error('broken propagator');
      },
      extract: (context) => context,
      fields: () => ['traceparent'],
    });
    await expect(client('aop').call(...SEED_CALL.aop)).resolves.toBeDefined();
    expect(onlySpan().attributes['open1688.outcome']).toBe('success');
    expect(sandbox.log[0]!.headers?.traceparent).toBeUndefined();
  });
});
