/**
 * The typed hook events against the sandbox over real HTTP: one call id per call on every event,
 * attempt numbers across retries, time queued in the limiter and on the wire, the call's end either
 * way, headers added by `hooks.headers` (checked before anything is sent), and no credential in
 * any event however it is serialised.
 */
import { inspect } from 'node:util';
import {
  InvalidRequestError,
  type HookEvent,
  type OpenClient,
  type Transport,
  type TransportRequest,
  type TransportSendOptions,
} from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { AxiosTransport } from '../../src/transport/axios-transport';
import { failure, sandboxClient, SEED_CALL, type DialectName } from '../support/sandbox-clients';

let sandbox: Sandbox;
const clients: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ limits: false });
});

afterEach(() => sandbox.reset());

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.close();
});

/** A sandbox client whose every event lands in `events`. */
function recorded(dialect: DialectName, extra: Parameters<typeof sandboxClient>[2] = {}) {
  const events: HookEvent[] = [];
  const client = sandboxClient(sandbox, dialect, {
    ...extra,
    hooks: { onEvent: (e) => events.push(e), ...extra.hooks },
  });
  clients.push(client);
  return { client, events };
}

describe('typed hook events', () => {
  it('tells a call from start to end under one call id, with its time queued and on the wire', async () => {
    const { client, events } = recorded('top');
    await client.call(...SEED_CALL.top);
    expect(events.map((e) => e.type)).toEqual(['call-start', 'request', 'response', 'call-end']);
    const callId = events[0]!.callId;
    expect(callId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events.every((e) => e.callId === callId && e.apiName === 'alibaba.item.get' && e.dialect === 'top')).toBe(
      true,
    );
    expect(events.map((e) => e.attempt)).toEqual([0, 1, 1, 1]);
    const [, request, response, end] = events;
    if (request?.type !== 'request' || response?.type !== 'response' || end?.type !== 'call-end') throw new Error();
    expect(request.queuedMs).toBeGreaterThanOrEqual(0);
    expect(request.request.paramNames).toContain('item_id');
    expect(response.httpStatus).toBe(200);
    expect(response.wireMs).toBeGreaterThanOrEqual(0);
    expect(end).toMatchObject({ outcome: 'success', attempts: 1, wireMs: response.wireMs });
    expect(end.durationMs).toBeGreaterThanOrEqual(end.wireMs);
  });

  it('gives each call its own id', async () => {
    const { client, events } = recorded('aop');
    await Promise.all([client.call(...SEED_CALL.aop), client.call(...SEED_CALL.aop)]);
    const ids = new Set(events.map((e) => e.callId));
    expect(ids.size).toBe(2);
    for (const id of ids) expect(events.filter((e) => e.callId === id).map((e) => e.type)).toHaveLength(4);
  });

  it('numbers the attempts of a retried call and reports the retry with the error class and code', async () => {
    sandbox.faults.inject({ kind: 'http-503', count: 1 });
    const { client, events } = recorded('onebound');
    await client.call(...SEED_CALL.onebound);
    expect(events.map((e) => `${e.type}:${e.attempt}`)).toEqual([
      'call-start:0',
      'request:1',
      'response:1',
      'retry:1',
      'request:2',
      'response:2',
      'call-end:2',
    ]);
    const retry = events.find((e) => e.type === 'retry');
    if (retry?.type !== 'retry') throw new Error('no retry event');
    expect(retry.error).toMatchObject({ name: 'ServiceError', httpStatus: 503, retryable: true });
    expect(retry.wireMs).toEqual(expect.any(Number));
    expect(new Set(events.map((e) => e.callId)).size).toBe(1);
  });

  it('ends a failed call with outcome error, also through onError', async () => {
    const errors: unknown[] = [];
    const { client, events } = recorded('top', {
      appSecret: 'not-the-secret',
      hooks: { onError: (e) => errors.push(e) },
    });
    await failure(client.call(...SEED_CALL.top));
    const end = events.at(-1);
    if (end?.type !== 'call-end' || end.outcome !== 'error') throw new Error('no failed end');
    expect(end.error).toMatchObject({ name: 'SignatureError', code: '25' });
    expect(errors).toEqual([end]);
  });

  it('counts the wait for the rate limiter as queued time (from enqueue to the turn)', async () => {
    const { client, events } = recorded('top', { limits: { qps: 1, perMinute: 1000 } });
    await Promise.all([client.call(...SEED_CALL.top), client.call(...SEED_CALL.top)]);
    const waits = events.flatMap((e) => (e.type === 'request' ? [e.queuedMs] : []));
    // The second call cannot leave the queue before the first one's second has passed.
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(500);
    const ends = events.flatMap((e) => (e.type === 'call-end' ? [e.queuedMs] : []));
    expect(ends.sort((a, b) => a - b)).toEqual(waits.sort((a, b) => a - b));
  });
});

describe('hooks.headers', () => {
  it('adds headers to every attempt, asked with that attempt', async () => {
    sandbox.faults.inject({ kind: 'http-502', count: 1 });
    const { client } = recorded('aop', {
      hooks: { headers: async (event) => ({ 'X-Tenant': 'acme', 'X-Attempt': String(event.attempt) }) },
    });
    await client.call(...SEED_CALL.aop);
    expect(sandbox.log.map((entry) => [entry.headers?.['x-tenant'], entry.headers?.['x-attempt']])).toEqual([
      ['acme', '1'],
      ['acme', '2'],
    ]);
  });

  it.each([
    ['a reserved name', { Host: 'evil.example' }, /Host.*set by the client/],
    ['Content-Type', { 'content-type': 'text/plain' }, /content-type.*set by the client/],
    ['a signature-like name', { 'X-Ca-Signature': 'abc' }, /credential/],
    ['a proxy header', { 'Proxy-Foo': '1' }, /set by the client/],
    ['a name that is not a token', { 'X Bad': '1' }, /not a valid header name/],
    ['a CR/LF in a value', { 'X-Smuggle': 'a\r\nHost: evil' }, /CR, LF/],
    ['a value that is not a string', { 'X-N': 1 as unknown as string }, /string value/],
    ['a name given twice', { 'X-A': '1', 'x-a': '2' }, /given twice/],
  ])('refuses %s before anything is sent', async (_name, headers, message) => {
    const { client, events } = recorded('top', { hooks: { headers: () => headers } });
    const error = await failure(client.call(...SEED_CALL.top));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).code).toBe('invalid-header');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('evil');
    expect(sandbox.log).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: 'call-end', outcome: 'error', attempts: 1 });
  });

  it('fails the call, unsent and redacted, when the hook throws', async () => {
    const { client } = recorded('top', {
      hooks: {
        headers: () => {
          throw new Error(`no tenant for ${SANDBOX_DEFAULTS.appSecret}`);
        },
      },
    });
    const error = await failure(client.call(...SEED_CALL.top));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('no tenant for');
    expect(error.message).not.toContain(SANDBOX_DEFAULTS.appSecret);
    expect(sandbox.log).toHaveLength(0);
  });

  it('keeps the value of a credential-like header out of the sandbox log', async () => {
    const { client } = recorded('top', { hooks: { headers: () => ({ 'X-Session-Token': 'tok-123' }) } });
    await client.call(...SEED_CALL.top);
    expect(sandbox.log[0]?.headers?.['x-session-token']).toBe('[redacted]');
    expect(JSON.stringify(sandbox.log)).not.toContain('tok-123');
  });
});

/** The default transport, keeping each raw request so that the test knows the signatures sent. */
class RawRecorder implements Transport {
  readonly sent: TransportRequest[] = [];
  private readonly inner = new AxiosTransport({ maxBodyBytes: 1_000_000, userAgent: 'open1688-test' });

  send(request: TransportRequest, options: TransportSendOptions) {
    this.sent.push(request);
    return this.inner.send(request, options);
  }

  close(): void {
    this.inner.close();
  }
}

describe('events hold no credential', () => {
  it.each(['top', 'aop', 'onebound'] as const)(
    '%s: no secret, session, token or signature in any event, JSON or inspected',
    async (dialect) => {
      sandbox.faults.inject({ kind: 'http-429', count: 1, retryAfterSeconds: 0 });
      sandbox.faults.inject({ kind: 'http-503', count: 1 });
      const transport = new RawRecorder();
      const { client, events } = recorded(dialect, { transport, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 } });
      await client.call(...SEED_CALL[dialect]);
      await failure(
        recorded(dialect, { transport, appSecret: `${SANDBOX_DEFAULTS.appSecret}-wrong` }).client.call(
          ...SEED_CALL[dialect],
        ),
      );
      transport.close();
      const signatures = transport.sent.flatMap((request) => {
        const params = new URLSearchParams(`${new URL(request.url).search.slice(1)}&${request.body ?? ''}`);
        return ['sign', '_aop_signature'].flatMap((name) => params.getAll(name));
      });
      expect(signatures.length).toBe(dialect === 'onebound' ? 0 : transport.sent.length);
      const secrets = [
        SANDBOX_DEFAULTS.appSecret,
        SANDBOX_DEFAULTS.session,
        SANDBOX_DEFAULTS.accessToken,
        SANDBOX_DEFAULTS.refreshToken,
        ...signatures,
      ];
      expect(new Set(events.map((e) => e.type))).toEqual(
        new Set(['call-start', 'request', 'response', 'retry', 'rate-limited', 'call-end']),
      );
      for (const event of events) {
        const texts = [JSON.stringify(event), inspect(event, { depth: 10 })];
        for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
      }
    },
  );
});
