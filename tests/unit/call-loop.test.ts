/**
 * The call loop and each of its recoveries, driven through an in-memory transport (no socket):
 * stop when aborted, refresh the token once, correct the clock once, pause when rate-limited,
 * retry or fail over, and the deadline. The sandbox tests cover the same paths over real HTTP.
 */
import {
  AbortError,
  AuthenticationError,
  NetworkError,
  OpenClient,
  RateLimitError,
  ResponseError,
  ServiceError,
  TimeoutError,
  TimestampError,
  TransportError,
  type ClientOptions,
} from '../../src/index';
import { hang, MemoryTransport, reply, type Script } from '../support/memory-transport';
import { failure } from '../support/sandbox-clients';

const SECRET = 'memory-secret-0123';
const OK = { alibaba_item_get_response: { item: { item_id: 1 } } };
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 5 };

let clients: OpenClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
  clients = [];
});

function client(
  script: Script,
  extra: Partial<ClientOptions> = {},
): { client: OpenClient; transport: MemoryTransport } {
  const transport = new MemoryTransport(script);
  const made = new OpenClient({
    dialect: 'top',
    appKey: '10000001',
    appSecret: SECRET,
    baseUrl: 'http://primary.test/router/rest',
    retry: fast,
    limits: false,
    transport,
    ...extra,
  });
  clients.push(made);
  return { client: made, transport };
}

describe('call loop: stop when aborted', () => {
  it('sends nothing for a call aborted before it starts', async () => {
    const { client: c, transport } = client(() => reply(200, OK));
    const error = await failure(c.call('alibaba.item.get', {}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(transport.sent).toHaveLength(0);
  });

  it('never repeats an attempt the caller aborted, even a repeatable read', async () => {
    const controller = new AbortController();
    const { client: c, transport } = client((_request, _i, options) => {
      setTimeout(() => controller.abort(), 5);
      return hang(options);
    });
    const error = await failure(c.call('alibaba.item.get', {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(transport.sent).toHaveLength(1);
  });
});

describe('call loop: refresh the token once', () => {
  const aop = (script: Script) =>
    client(script, {
      dialect: 'aop',
      baseUrl: 'http://aop.test/openapi/',
      accessToken: 'stale-access-token',
      refreshToken: 'the-refresh-token',
    });
  const expired = reply(401, { error_code: 'gw.AccessTokenExpired', error_message: 'token expired' });

  it('exchanges the refresh token and repeats the call with the new token, without using a retry', async () => {
    const { client: c, transport } = aop((request) => {
      if (request.path.includes('system.oauth2/getToken')) return reply(200, { access_token: 'fresh-access-token' });
      return request.params.access_token === 'fresh-access-token' ? reply(200, { result: { ok: true } }) : expired;
    });
    await expect(c.call('com.alibaba.product/alibaba.product.get', {}, { retry: false })).resolves.toEqual({
      result: { ok: true },
    });
    expect(transport.sent.map((r) => r.params.access_token ?? r.params.grant_type)).toEqual([
      'stale-access-token',
      'refresh_token',
      'fresh-access-token',
    ]);
  });

  it('refreshes only once per call: a token rejected again ends the call', async () => {
    const { client: c, transport } = aop((request) =>
      request.path.includes('getToken') ? reply(200, { access_token: 'also-rejected-token' }) : expired,
    );
    const error = await failure(c.call('com.alibaba.product/alibaba.product.get'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(transport.sent.filter((r) => r.path.includes('getToken'))).toHaveLength(1);
    expect(transport.sent).toHaveLength(3);
  });

  it('ends the call with the refresh failure, the refresh token never in it', async () => {
    const { client: c } = aop((request) =>
      request.path.includes('getToken')
        ? reply(400, { error: 'invalid_grant', error_description: 'refresh token the-refresh-token expired' })
        : expired,
    );
    const error = await failure(c.call('com.alibaba.product/alibaba.product.get'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('invalid_grant');
    expect(JSON.stringify(error) + error.message).not.toContain('the-refresh-token');
  });
});

describe('call loop: correct the clock once', () => {
  const refused = (date: string) => reply(200, { error_response: { code: 31, msg: 'Invalid timestamp' } }, { date });

  it('takes the offset from the Date header and repeats once, with a new timestamp', async () => {
    const ahead = 3 * 3600_000;
    const { client: c, transport } = client((_request, i) =>
      i === 0 ? refused(new Date(Date.now() + ahead).toUTCString()) : reply(200, OK),
    );
    await c.call('alibaba.item.get', {}, { retry: false });
    expect(Math.abs(c.clock.getOffsetMs() - ahead)).toBeLessThan(2_000);
    expect(transport.sent[1]?.params.timestamp).not.toBe(transport.sent[0]?.params.timestamp);
  });

  it('corrects once only, and not at all without a Date header far from ours', async () => {
    const skewed = client(() => refused(new Date(Date.now() + 3600_000).toUTCString()));
    expect(await failure(skewed.client.call('alibaba.item.get', {}, { retry: false }))).toBeInstanceOf(TimestampError);
    expect(skewed.transport.sent).toHaveLength(2);

    const inSync = client(() => refused(new Date().toUTCString()));
    expect(await failure(inSync.client.call('alibaba.item.get', {}, { retry: false }))).toBeInstanceOf(TimestampError);
    expect(inSync.transport.sent).toHaveLength(1);
  });
});

describe('call loop: pause when rate-limited', () => {
  it('pauses the whole client for the announced wait, tells the hook, then repeats', async () => {
    const events: Array<Record<string, unknown>> = [];
    const { client: c, transport } = client(
      (_request, i) =>
        i === 0
          ? reply(429, { error_response: { code: 7, msg: 'App Call Limited' } }, { 'retry-after': '0.3' })
          : reply(200, OK),
      { hooks: { onRateLimited: (event) => events.push(event) } },
    );
    const first = c.call('alibaba.item.get');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A second call of the same client waits for the same pause.
    const second = c.call('alibaba.item.get');
    await Promise.all([first, second]);
    expect(events).toEqual([expect.objectContaining({ apiName: 'alibaba.item.get', pauseMs: 300, code: '7' })]);
    expect(transport.sent).toHaveLength(3);
    // Neither the repeat nor the other call went out before the pause was over.
    for (const later of transport.sent.slice(1))
      expect(later.atMs - transport.sent[0]!.atMs).toBeGreaterThanOrEqual(290);
  });

  it('fails at once with the announced wait when it is longer than the call may last', async () => {
    const { client: c, transport } = client(() =>
      reply(200, {
        error_response: { code: 7, msg: 'App Call Limited', sub_msg: 'This ban will last for 600 more seconds' },
      }),
    );
    const started = Date.now();
    const error = await failure(c.call('alibaba.item.get', {}, { deadlineMs: 5_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(600_000);
    expect(Date.now() - started).toBeLessThan(500);
    expect(transport.sent).toHaveLength(1);
  });
});

describe('call loop: retry or fail over', () => {
  it('repeats a read after 5xx up to the policy, then fails with the attempts counted', async () => {
    const { client: c, transport } = client(() => reply(503, 'busy'));
    const error = await failure(c.call('alibaba.item.get'));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).attempts).toBe(4);
    expect(transport.sent).toHaveLength(4);
  });

  it('does not repeat a write after an unclear failure, but does after one that proves nothing arrived', async () => {
    const unclear = client(() => reply(503, 'busy'));
    expect(await failure(unclear.client.call('alibaba.trade.create'))).toBeInstanceOf(ServiceError);
    expect(unclear.transport.sent).toHaveLength(1);

    const refused = client((_request, i) => {
      if (i === 0) throw new TransportError('network', 'connect ECONNREFUSED', 'ECONNREFUSED');
      return reply(200, { alibaba_trade_create_response: { ok: true } });
    });
    await expect(refused.client.call('alibaba.trade.create')).resolves.toEqual({ ok: true });
    expect(refused.transport.sent).toHaveLength(2);
  });

  it('moves to the backup URL when the primary looks down, and starts there for the next call', async () => {
    const { client: c, transport } = client(
      (request) => {
        if (request.url.startsWith('http://primary.test'))
          throw new TransportError('network', 'socket hang up', 'ECONNRESET');
        return reply(200, OK);
      },
      { backupUrls: ['http://backup.test/router/rest'] },
    );
    await c.call('alibaba.item.get');
    await c.call('alibaba.item.get');
    expect(transport.sent.map((r) => new URL(r.url).host)).toEqual(['primary.test', 'backup.test', 'backup.test']);
  });

  it("waits the server's Retry-After between attempts", async () => {
    const { client: c, transport } = client((_request, i) =>
      i === 0 ? reply(503, 'busy', { 'retry-after': '0.2' }) : reply(200, OK),
    );
    const started = Date.now();
    await c.call('alibaba.item.get');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(transport.sent).toHaveLength(2);
  });
});

describe('call loop: deadline and transport failures', () => {
  it('ends a call whose answer never comes at its deadline, within the deadline', async () => {
    const { client: c } = client((_request, _i, options) => hang(options), {
      retry: { retries: 10, minDelayMs: 1, maxDelayMs: 1 },
    });
    const started = Date.now();
    const error = await failure(c.call('alibaba.item.get', {}, { deadlineMs: 200, timeoutMs: 80 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('maps each transport failure to its error class, with the text redacted', async () => {
    const cases: Array<[unknown, new (...args: never[]) => Error, string | undefined]> = [
      [
        new TransportError('too-large', 'the body is larger than allowed', 'body-too-large'),
        ResponseError,
        'body-too-large',
      ],
      [new TransportError('network', 'read ECONNRESET', 'ECONNRESET'), NetworkError, 'ECONNRESET'],
      [new Error(`proxy said: secret=${SECRET}`), NetworkError, 'network-error'],
    ];
    for (const [thrown, type, code] of cases) {
      const { client: c } = client(
        () => {
          throw thrown;
        },
        { retry: false },
      );
      const error = await failure(c.call('alibaba.item.get'));
      expect(error).toBeInstanceOf(type);
      expect((error as NetworkError).code).toBe(code);
      expect(error.message).not.toContain(SECRET);
    }
  });

  it('hands the transport only the wire request, and closes only a transport it made', async () => {
    const { client: c, transport } = client(() => reply(200, OK));
    await c.call('alibaba.item.get', { item_id: 7 });
    expect(transport.sent[0]?.params).toEqual(expect.objectContaining({ item_id: '7', method: 'alibaba.item.get' }));
    await c.close();
    expect(transport.closed).toBe(0);
  });
});
