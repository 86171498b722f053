/**
 * The hostile-server matrix: each dialect against gateways on 127.0.0.1 that misbehave on purpose.
 * An echoing gateway (every error field, X-Request-Id, HTML pages) must get no credential or
 * signature into any output; a gateway closing idle keep-alive connections must fail no write;
 * close() during retries must start nothing more; an oversized request and out-of-bounds call
 * options are refused before sending; seller text that is a formula or an escape sequence reaches
 * neither a spreadsheet nor a terminal alive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  InvalidRequestError,
  LimiterClosedError,
  OpenApiError,
  OpenClient,
  ServiceError,
  offerCsvRow,
  type ClientOptions,
} from '../../src/index';
import { renderOffer } from '../../src/cli/render';
import { ONEBOUND_ITEM_GET_PRO_610947572360, TOP_ITEM_610947572360 } from '../../src/sandbox/fixtures/index';
import { aopProductGet } from '../../src/sandbox/fixtures/aop-product';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import {
  DIALECTS,
  GATEWAY_PATH,
  HOSTILE_CALL,
  keepError,
  leaks,
  observer,
  type Dialect,
} from '../support/hostile-matrix';
import { json, loopback, type Loopback } from '../support/loopback';
import { parseCsv } from '../support/parse-csv';

jest.setTimeout(60_000);

const CREDENTIALS = {
  secret: "s3cret with space!'()~+%",
  session: '6100e23 session/中文+%2B',
  accessToken: 'tok"en\\with&=?#',
  refreshToken: 'refresh 令牌 ~!',
};
const RETRIES = 2;

let clients: OpenClient[] = [];
let servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

function client(dialect: Dialect, root: string, extra: Partial<ClientOptions> = {}): OpenClient {
  const made = new OpenClient({
    dialect,
    appKey: '10000001',
    appSecret: CREDENTIALS.secret,
    session: dialect === 'top' ? CREDENTIALS.session : undefined,
    accessToken: dialect === 'aop' ? CREDENTIALS.accessToken : undefined,
    refreshToken: dialect === 'aop' ? CREDENTIALS.refreshToken : undefined,
    baseUrl: root + GATEWAY_PATH[dialect],
    retry: { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 },
    limits: false,
    ...extra,
  });
  clients.push(made);
  return made;
}

async function serve(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const server = await loopback(handler);
  servers.push(server);
  return server;
}

const outcome = (call: Promise<unknown>) =>
  call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as OpenApiError }),
  );

describe.each(DIALECTS)('%s', (dialect) => {
  const [api, params] = HOSTILE_CALL[dialect];

  it.each(['GET', 'POST'] as const)(
    'an echoing gateway (%s): typed errors within the retry budget, no credential or signature anywhere',
    async (httpMethod) => {
      const server: HostileServer = await startHostileServer();
      servers.push(server);
      const texts: string[] = [];
      const c = client(dialect, server.url, observer(texts));
      const results = await Promise.all(Array.from({ length: 20 }, () => outcome(c.call(api, params, { httpMethod }))));
      for (const result of results) {
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.error).toBeInstanceOf(OpenApiError);
        expect(result.error.attempts).toBeLessThanOrEqual(RETRIES + 1);
        keepError(texts, result.error);
      }
      expect(server.count()).toBeGreaterThanOrEqual(20);
      expect(leaks(texts, CREDENTIALS, server.signatures)).toEqual([]);
    },
  );

  it('a gateway that closes each connection right after answering: no write fails, each is processed once', async () => {
    const ok = {
      top: { alibaba_trade_create_response: { ok: true } },
      aop: { result: { success: true } },
      onebound: { error_code: '0000', item: {} },
    }[dialect];
    let processed = 0;
    const raw = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        processed += 1;
        json(res, 200, ok);
        res.on('finish', () => setImmediate(() => req.socket.destroy()));
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => raw.close(() => resolve())) });
    const c = client(dialect, `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, { retry: false });
    const write = { top: 'alibaba.trade.create', aop: 'com.alibaba.trade/alibaba.trade.create', onebound: api }[
      dialect
    ];
    let failed = 0;
    for (let i = 0; i < 30; i++) await c.call(write, { i }, { idempotent: false }).catch(() => (failed += 1));
    expect([failed, processed]).toEqual([0, 30]);
  });

  it.each([false, true])('close() during retries (limiter: %s): nothing starts after it', async (limited) => {
    const server = await serve((_req, res) => json(res, 503, 'busy'));
    const limits = limited ? { qps: 4, perMinute: 1_000, qpsWindowMs: 200 } : false;
    const started: number[] = [];
    const retry = { retries: 10, minDelayMs: 20, maxDelayMs: 20 };
    const c = client(dialect, server.url, { limits, retry, hooks: { beforeRequest: () => started.push(Date.now()) } });
    const calls = Array.from({ length: 8 }, () => outcome(c.call(api, params)));
    while (server.seen.length < 12) await new Promise((resolve) => setTimeout(resolve, 5));
    const closedAt = Date.now();
    await c.close();
    const arrived = server.seen.length;
    const results = await Promise.all(calls);
    // No attempt started once close() began; the ones on the wire then had all arrived when it resolved.
    expect(started.filter((at) => at > closedAt)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.seen).toHaveLength(arrived);
    expect(started).toHaveLength(arrived);
    let attempts = 0;
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      attempts += result.error.attempts;
      if (result.error instanceof LimiterClosedError) expect(result.error.attempts).toBe(0);
      else expect(result.error).toBeInstanceOf(ServiceError);
    }
    expect(attempts).toBe(server.seen.length);
  });

  it.each(['GET', 'POST'] as const)('a request over maxBodyBytes (%s): refused, nothing sent', async (httpMethod) => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const c = client(dialect, server.url, { maxBodyBytes: 2_048 });
    const result = await outcome(c.call(api, { ...params, note: '长'.repeat(1_000) }, { httpMethod }));
    expect(result.ok ? undefined : [result.error.name, result.error.code]).toEqual([
      'InvalidRequestError',
      'request-too-large',
    ]);
    expect(server.seen).toHaveLength(0);
  });

  it('call options beyond the bounds are refused; ten retries are the most', async () => {
    const server = await serve((_req, res) => json(res, 503, 'busy'));
    const c = client(dialect, server.url);
    for (const bad of [{ retries: 1e6 }, { retries: 1.5 }, { minDelayMs: 50, maxDelayMs: 10 }]) {
      expect((await outcome(c.call(api, params, { retry: bad }))).ok).toBe(false);
      await expect(c.call(api, params, { retry: bad })).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(server.seen).toHaveLength(0);
    await expect(c.call(api, params, { retry: { retries: 10, minDelayMs: 0, maxDelayMs: 0 } })).rejects.toBeInstanceOf(
      ServiceError,
    );
    expect(server.seen).toHaveLength(11);
  });

  it('a title that is a formula and an escape sequence: text in the CSV, plain on the terminal', async () => {
    const title = '=HYPERLINK("http://x","y")\x1b[2J\x1b]0;pwned\x07';
    const item = { ...TOP_ITEM_610947572360, title };
    const body = {
      top: { alibaba_item_get_response: { item } },
      aop: aopProductGet(item),
      onebound: { ...ONEBOUND_ITEM_GET_PRO_610947572360, item: { ...ONEBOUND_ITEM_GET_PRO_610947572360.item, title } },
    }[dialect];
    const server = await serve((_req, res) => json(res, 200, body));
    const offer = await client(dialect, server.url).getItem('610947572360');
    expect(offer.title).toBe(title);
    const [row] = parseCsv(offerCsvRow(offer));
    expect(row?.[1]).toBe(`'${title}`);
    expect(renderOffer(offer).split('\n')[0]).toBe('=HYPERLINK("http://x","y")');
  });
});
