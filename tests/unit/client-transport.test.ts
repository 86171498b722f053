/**
 * OpenClient over real loopback HTTP: deadlines, aborts, retries, failover, rate-limit feedback,
 * clock correction, token refresh, and what an error may say about the request.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AuthenticationError,
  NetworkError,
  OpenClient,
  RateLimitError,
  ResponseError,
  ServiceError,
  SignatureError,
  TimeoutError,
  type ClientOptions,
} from '../../src/index';
import { closedPortUrl, json, loopback, type Loopback } from '../support/loopback';
import { failure } from '../support/sandbox-clients';

const SECRET = 'loopback-secret-0123';
const fast = { retries: 3, minDelayMs: 5, maxDelayMs: 20 };
const ok = '{"alibaba_item_get_response":{"item":{"item_id":610947572360123456789}}}';

let servers: Loopback[] = [];
let clients: OpenClient[] = [];
// Clients of one app key share its limiter, pauses included, even after they closed: a ban one test
// provokes must not hold back the next test's client, so every client gets an app key of its own.
let appKeys = 10_000_001;
const nextAppKey = (): string => String(appKeys++);
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

async function serve(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const server = await loopback(handler);
  servers.push(server);
  return server;
}

function top(baseUrl: string, extra: Partial<ClientOptions> = {}): OpenClient {
  const client = new OpenClient({
    dialect: 'top',
    appKey: nextAppKey(),
    appSecret: SECRET,
    baseUrl: `${baseUrl}/router/rest`,
    retry: fast,
    ...extra,
  });
  clients.push(client);
  return client;
}

describe('OpenClient transport', () => {
  it('returns the unwrapped payload with big ids exact', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, '{"alibaba_item_get_response":{"item":{"item_id":610947572360123456789}}}'),
    );
    await expect(top(server.url).call('alibaba.item.get', { item_id: 1 })).resolves.toEqual({
      item: { item_id: '610947572360123456789' },
    });
    expect(server.seen[0]?.method).toBe('POST');
  });

  it('sends GET when asked', async () => {
    const server = await serve((_req, res) => json(res, 200, ok));
    await top(server.url).call('alibaba.item.get', { item_id: 1 }, { httpMethod: 'GET' });
    expect(server.seen[0]?.method).toBe('GET');
    expect(server.seen[0]?.params.item_id).toBe('1');
  });

  it('ends a trickling answer at the total deadline, not at socket inactivity', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(top(server.url, { retry: false }).call('alibaba.item.get', {}, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.open()).toBe(0); // the socket was destroyed, not left trickling
  });

  it('ends on the caller abort with AbortError, attempted once', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(top(server.url).call('alibaba.item.get', {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).attempts).toBe(1);
  });

  it('retries a read on 503 with backoff and reports each retry', async () => {
    const server = await serve((_req, res, _seen, i) => (i < 2 ? json(res, 503, 'busy') : json(res, 200, ok)));
    const retries: unknown[] = [];
    const client = top(server.url, { hooks: { onRetry: (event) => retries.push(event) } });
    await expect(client.call('alibaba.item.get')).resolves.toBeDefined();
    expect(server.seen).toHaveLength(3);
    expect(retries).toHaveLength(2);
    // A fresh signature per attempt (the timestamp may stay within one second, the form is re-signed anyway).
    expect(server.seen.every((s) => typeof s.params.sign === 'string')).toBe(true);
  });

  it('does not repeat a write after an unclear failure, unless marked idempotent', async () => {
    const server = await serve((_req, res) =>
      json(res, 503, { error_response: { code: 15, sub_code: 'isp.busy', msg: 'busy' } }),
    );
    const client = top(server.url);
    const error = await failure(client.call('alibaba.trade.create'));
    expect(error).toBeInstanceOf(ServiceError);
    expect(server.seen).toHaveLength(1);
    await failure(client.call('alibaba.trade.create', {}, { idempotent: true }));
    expect(server.seen).toHaveLength(1 + 4);
  });

  it('repeats a write after a 429 (it proves the request was not processed)', async () => {
    const server = await serve((_req, res, _seen, i) =>
      i === 0 ? json(res, 429, '') : json(res, 200, { alibaba_trade_create_response: {} }),
    );
    await expect(top(server.url).call('alibaba.trade.create')).resolves.toEqual({});
    expect(server.seen).toHaveLength(2);
  });

  it('never repeats a signature error', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, { error_response: { code: 25, msg: 'Invalid signature' } }),
    );
    const error = await failure(top(server.url).call('alibaba.item.get'));
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).attempts).toBe(1);
    expect(server.seen).toHaveLength(1);
  });

  it('fails over to a backup URL when the primary refuses connections', async () => {
    const backup = await serve((_req, res) => json(res, 200, ok));
    const dead = await closedPortUrl();
    const client = top(dead, { backupUrls: [`${backup.url}/router/rest`] });
    // A refused connection proves nothing was processed: even a write moves on to the backup.
    await failure(client.call('alibaba.trade.create'));
    expect(backup.seen).toHaveLength(1);
    const item = await client.call('alibaba.item.get');
    expect(item).toEqual({ item: { item_id: '610947572360123456789' } });
    expect(backup.seen.length).toBeGreaterThanOrEqual(1);
  });

  it('reports a refused connection as NetworkError when there is no backup', async () => {
    const error = await failure(
      top(await closedPortUrl(), { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } }).call('alibaba.item.get'),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect((error as NetworkError).attempts).toBe(2);
  });

  it('honours Retry-After', async () => {
    const server = await serve((_req, res, _seen, i) =>
      i === 0 ? json(res, 429, 'slow down', { 'retry-after': '1' }) : json(res, 200, ok),
    );
    await top(server.url).call('alibaba.item.get');
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.atMs - server.seen[0]!.atMs).toBeGreaterThanOrEqual(900);
  });

  it('waits out a short TOP ban, pausing the scheduler and telling the hook', async () => {
    const server = await serve((_req, res, _seen, i) =>
      i === 0
        ? json(res, 200, {
            error_response: {
              code: 7,
              msg: 'App Call Limited',
              sub_code: 'accesscontrol.limited-by-app-access-count',
              sub_msg: 'This ban will last for 1 more seconds',
            },
          })
        : json(res, 200, ok),
    );
    const limited: Array<Record<string, unknown>> = [];
    await top(server.url, { hooks: { onRateLimited: (e) => limited.push(e) } }).call('alibaba.item.get');
    expect(server.seen[1]!.atMs - server.seen[0]!.atMs).toBeGreaterThanOrEqual(900);
    expect(limited).toEqual([
      expect.objectContaining({ apiName: 'alibaba.item.get', pauseMs: 1000, retryAfterMs: 1000 }),
    ]);
  });

  it('fails at once with RateLimitError when the ban outlasts the deadline', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, {
        error_response: { code: 7, msg: 'App Call Limited', sub_msg: 'This ban will last for 600 more seconds' },
      }),
    );
    const started = Date.now();
    const error = await failure(top(server.url).call('alibaba.item.get', {}, { deadlineMs: 3_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(600_000);
    expect((error as RateLimitError).serverMessage).toBe('App Call Limited');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.seen).toHaveLength(1);
  });

  it('fails a call at once with RateLimitError when the pause outlasts its queueTimeoutMs; a patient call waits', async () => {
    const server = await serve((_req, res, _seen, i) =>
      i === 0
        ? json(res, 200, {
            error_response: { code: 7, msg: 'App Call Limited', sub_msg: 'This ban will last for 2 more seconds' },
          })
        : json(res, 200, ok),
    );
    const client = top(server.url);
    const first = client.call('alibaba.item.get', {}, { deadlineMs: 6_000 });
    while (server.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the ban is known, the client paused
    const started = Date.now();
    const second = await failure(client.call('alibaba.item.get', {}, { queueTimeoutMs: 300 }));
    // Waiting 300 ms could not help: the caller hears at once how long the pause still lasts.
    expect(second).toBeInstanceOf(RateLimitError);
    expect((second as RateLimitError).retryAfterMs).toBeGreaterThan(300);
    expect((second as RateLimitError).retryAfterMs).toBeLessThanOrEqual(2_000);
    expect(Date.now() - started).toBeLessThan(250);
    // The wait in the queue is not the call's time: a 300 ms deadline starts when the pause is over.
    const patient = await client.call('alibaba.item.get', {}, { deadlineMs: 300 });
    expect(patient).toBeDefined();
    expect(Date.now() - started).toBeGreaterThan(1_500);
    await expect(first).resolves.toBeDefined();
    expect(server.seen).toHaveLength(3); // the refused call sent nothing, then or when the pause ended
  });

  it('keeps every call within its deadline across attempts', async () => {
    const server = await serve((_req, res) => setTimeout(() => json(res, 503, 'busy'), 100));
    const started = Date.now();
    const error = await failure(
      top(server.url, { retry: { retries: 10, minDelayMs: 50, maxDelayMs: 100 } }).call(
        'alibaba.item.get',
        {},
        { deadlineMs: 600 },
      ),
    );
    // The last attempt is cut by the deadline (TimeoutError) or the deadline passes after a 503.
    expect(error instanceof ServiceError || error instanceof TimeoutError).toBe(true);
    expect(Date.now() - started).toBeLessThan(600 + 400);
  });

  it('corrects its clock from the Date header and repeats a timestamp error once', async () => {
    const ahead = 2 * 3600_000;
    const server = await serve((_req, res, _seen, i) => {
      const date = new Date(Date.now() + ahead).toUTCString();
      if (i === 0) json(res, 200, { error_response: { code: 31, msg: 'Invalid timestamp' } }, { date });
      else json(res, 200, ok, { date });
    });
    const client = top(server.url);
    await client.call('alibaba.item.get');
    expect(server.seen).toHaveLength(2);
    expect(Math.abs(client.clock.getOffsetMs() - ahead)).toBeLessThan(5_000);
    expect(server.seen[1]!.params.timestamp).not.toBe(server.seen[0]!.params.timestamp);
  });

  it('turns an HTML 200 page into ResponseError with a short redacted snippet', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>Proxy error for ${req.url} secret=${SECRET}</body></html>`);
    });
    const error = await failure(top(server.url).call('alibaba.item.get', {}, { httpMethod: 'GET' }));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toContain('<html>');
    expect(error.message).not.toContain(SECRET);
    expect((error as ResponseError).attempts).toBe(1);
  });

  it('repeats a read whose body was cut short, but not one with broken JSON', async () => {
    const cut = await serve((_req, res) => json(res, 200, '{"alibaba_item_get_response":{"item":{"title":"半'));
    const error = await failure(top(cut.url).call('alibaba.item.get'));
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).code).toBe('truncated-body');
    expect(cut.seen).toHaveLength(4);
    const broken = await serve((_req, res) => json(res, 200, "{'single':'quotes'}"));
    const again = await failure(top(broken.url).call('alibaba.item.get'));
    expect((again as ResponseError).code).toBe('invalid-json');
    expect(broken.seen).toHaveLength(1);
  });

  it('goes on when a hook or the logger throws, sync or async', async () => {
    const server = await serve((_req, res) => json(res, 200, ok));
    const boom = (): never => {
      throw new Error(`hook broke ${SECRET}`);
    };
    const warnings: string[] = [];
    const client = top(server.url, {
      hooks: { beforeRequest: boom, afterResponse: async () => Promise.reject(new Error('async hook broke')) },
      logger: { debug: boom, info: boom, error: boom, warn: (o) => warnings.push(JSON.stringify(o)) },
    });
    await expect(client.call('alibaba.item.get')).resolves.toBeDefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.join()).toContain('hook broke [redacted]');
    expect(warnings.join()).toContain('async hook broke');
  });

  it('refuses a body over maxBodyBytes', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, `{"alibaba_item_get_response":{"x":"${'a'.repeat(50_000)}"}}`),
    );
    const error = await failure(top(server.url, { maxBodyBytes: 10_000 }).call('alibaba.item.get'));
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).code).toBe('body-too-large');
  });

  it('never lets a credential into errors, logs or hook payloads', async () => {
    const server = await serve((_req, res, seen) =>
      json(res, 200, {
        error_response: { code: 25, msg: `Invalid signature ${seen.params.sign}`, sub_msg: `secret ${SECRET}` },
      }),
    );
    const lines: string[] = [];
    const logger = {
      debug: (o: object, m?: string) => lines.push(JSON.stringify(o) + m),
      info: (o: object, m?: string) => lines.push(JSON.stringify(o) + m),
      warn: (o: object, m?: string) => lines.push(JSON.stringify(o) + m),
      error: (o: object, m?: string) => lines.push(JSON.stringify(o) + m),
    };
    const events: string[] = [];
    const hook = (e: unknown) => events.push(JSON.stringify(e) + inspect(e, { depth: 10 }));
    const client = top(server.url, {
      session: 'loopback-session-xyz',
      logger,
      hooks: { beforeRequest: hook, afterResponse: hook, onError: hook, onRetry: hook },
    });
    const error = await failure(client.call('alibaba.item.get'));
    const sign = server.seen[0]!.params.sign!;
    const texts = [
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      error.stack ?? '',
      error.message,
      ...lines,
      ...events,
    ];
    for (const secret of [SECRET, 'loopback-session-xyz', sign]) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
  });
});

describe('1688 access tokens', () => {
  it('refreshes once for many concurrent calls and repeats them', async () => {
    let current = 'token-not-issued-yet';
    let refreshes = 0;
    const server = await serve((_req, res, seen) => {
      if (seen.url.includes('system.oauth2/getToken')) {
        refreshes += 1;
        current = `token-new-${refreshes}-abcd`;
        setTimeout(() => json(res, 200, { access_token: current, expires_in: '36000' }), 50);
        return;
      }
      if (seen.params.access_token !== current)
        return json(res, 401, { error_code: 'gw.AccessTokenExpired', error_message: 'expired' });
      json(res, 200, '{"productInfo":{"productID":610947572360123456789}}');
    });
    const client = new OpenClient({
      dialect: 'aop',
      appKey: nextAppKey(),
      appSecret: SECRET,
      baseUrl: `${server.url}/openapi/`,
      accessToken: 'token-old-0001',
      refreshToken: 'refresh-abcdef',
      retry: fast,
    });
    clients.push(client);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => client.call('com.alibaba.product/alibaba.product.get', { productID: 1 })),
    );
    expect(results).toEqual(Array(8).fill({ productInfo: { productID: '610947572360123456789' } }));
    expect(refreshes).toBe(1);
    const exchange = server.seen.find((s) => s.url.includes('getToken'))!;
    expect(exchange.params).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-abcdef' });
  });

  it('reports an expired token as AuthenticationError when nothing can refresh it', async () => {
    const server = await serve((_req, res) =>
      json(res, 401, { error_code: 'gw.AccessTokenExpired', error_message: 'expired' }),
    );
    const client = new OpenClient({
      dialect: 'aop',
      appKey: '1',
      appSecret: SECRET,
      baseUrl: `${server.url}/openapi/`,
      accessToken: 'tok-1234',
    });
    clients.push(client);
    const error = await failure(client.call('com.alibaba.product/alibaba.product.get'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.seen).toHaveLength(1);
  });

  it('uses a token provider and asks it again after a rejection', async () => {
    const server = await serve((_req, res, seen) =>
      seen.params.access_token === 'fresh-token'
        ? json(res, 200, { ok: true })
        : json(res, 401, { error_code: 'gw.InvalidAccessToken', error_message: 'invalid' }),
    );
    const asked: boolean[] = [];
    const client = new OpenClient({
      dialect: 'aop',
      appKey: '1',
      appSecret: SECRET,
      baseUrl: `${server.url}/openapi/`,
      tokenProvider: async ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return forceRefresh ? 'fresh-token' : 'stale-token';
      },
    });
    clients.push(client);
    await expect(client.call('com.alibaba.product/alibaba.product.get')).resolves.toEqual({ ok: true });
    expect(asked).toEqual([false, true]);
  });
});
