/**
 * Proxies over real sockets: a forward proxy relays absolute-URI requests to an http gateway, a
 * CONNECT proxy tunnels to an https gateway (self-signed, trusted through `ca`); each proxy counts
 * what it relayed. HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case) are read from process.env by
 * every client; the `proxy` option overrides them, `proxy: false` ignores them, Node agents bypass them.
 * Proxy credentials go out as Proxy-Authorization and never come back in an error, log or hook.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { InvalidRequestError, OpenClient, type ClientOptions } from '../../src/index';
import { keepError, observer } from '../support/hostile-matrix';
import { closedPortUrl, json, loopback, type Loopback } from '../support/loopback';
import { startProxyServer, type ProxyServer } from '../support/proxy-server';
import { failure } from '../support/sandbox-clients';
import { startTlsGateway, TEST_CA, type TlsGateway } from '../support/tls-gateway';

const ITEM = { alibaba_item_get_response: { item: { item_id: 610947572360 } } };
const USER = 'proxy-user';
const PASS = 'p@ss:w0rd/proxy';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

let closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c.close();
  closers = [];
});
const keep = <T extends { close(): Promise<void> }>(thing: T): T => (closers.push(thing), thing);

const httpGateway = async (): Promise<Loopback> => keep(await loopback((_req, res) => json(res, 200, ITEM)));
const tlsGateway = async (): Promise<TlsGateway> => keep(await startTlsGateway(ITEM));
const proxy = async (credentials?: { user: string; pass: string }): Promise<ProxyServer> =>
  keep(await startProxyServer(credentials));
const withAuth = (url: string, user: string, pass: string) =>
  url.replace('http://', `http://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@`);

// The variables are read from process.env when a client is built, as a user's would be: each test
// sets exactly the ones it names (none by default) and the file restores them at the end.
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
function setProxyVariables(values: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
}
afterAll(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

type Extra = Partial<ClientOptions> & { env?: Record<string, string> };

function client(baseUrl: string, { env = {}, ...extra }: Extra): OpenClient {
  setProxyVariables(env);
  return keep(
    new OpenClient({
      dialect: 'top',
      appKey: '10000001',
      appSecret: 'proxy-test-secret',
      baseUrl: `${baseUrl}/router/rest`,
      retry: false,
      limits: false,
      ...extra,
    }),
  );
}

it('HTTP_PROXY: an http gateway is reached through the forward proxy with an absolute-URI request', async () => {
  const [gateway, relay] = [await httpGateway(), await proxy()];
  await expect(client(gateway.url, { env: { HTTP_PROXY: relay.url } }).call('alibaba.item.get')).resolves.toEqual(
    ITEM.alibaba_item_get_response,
  );
  expect(relay.forwarded).toEqual([`POST ${gateway.url}/router/rest`]);
  expect(relay.tunnels).toEqual([]);
  expect(gateway.seen).toHaveLength(1);
});

it('https_proxy (lower case): an https gateway is reached through a CONNECT tunnel, TLS end to end', async () => {
  const [gateway, relay] = [await tlsGateway(), await proxy()];
  const env = { https_proxy: relay.url };
  const c = client(gateway.url, { env, ca: TEST_CA });
  await c.call('alibaba.item.get');
  await c.call('alibaba.item.get', {}, { httpMethod: 'GET' });
  expect(relay.tunnels.length).toBeGreaterThanOrEqual(1);
  expect(new Set(relay.tunnels)).toEqual(new Set([gateway.url.replace('https://', '')]));
  expect(relay.forwarded).toEqual([]);
  expect(gateway.answered).toBe(2);
  // The tunnel carries TLS to the gateway itself: without its certificate trusted, no answer.
  const untrusted = await failure(client(gateway.url, { env }).call('alibaba.item.get'));
  expect(untrusted.name).toBe('NetworkError');
  expect(gateway.answered).toBe(2);
});

it('HTTPS_PROXY falls back to HTTP_PROXY for https targets', async () => {
  const [gateway, relay] = [await tlsGateway(), await proxy()];
  await client(gateway.url, { env: { HTTP_PROXY: relay.url }, ca: [TEST_CA] }).call('alibaba.item.get');
  expect(relay.tunnels).toHaveLength(1);
});

it('NO_PROXY: listed hosts are reached directly', async () => {
  const [gateway, relay] = [await httpGateway(), await proxy()];
  const env = { HTTP_PROXY: relay.url, HTTPS_PROXY: relay.url, NO_PROXY: 'example.com, 127.0.0.1' };
  await client(gateway.url, { env }).call('alibaba.item.get');
  expect(gateway.seen).toHaveLength(1);
  expect([relay.forwarded, relay.tunnels]).toEqual([[], []]);
});

it('proxy: false ignores the variables; a proxy URL replaces them', async () => {
  const [gateway, fromEnv, chosen] = [await httpGateway(), await proxy(), await proxy()];
  const env = { HTTP_PROXY: fromEnv.url, http_proxy: fromEnv.url };
  await client(gateway.url, { env, proxy: false }).call('alibaba.item.get');
  expect(gateway.seen).toHaveLength(1);
  await client(gateway.url, { env, proxy: chosen.url }).call('alibaba.item.get');
  expect(chosen.forwarded).toHaveLength(1);
  expect([fromEnv.forwarded, fromEnv.tunnels]).toEqual([[], []]);
  expect(gateway.seen).toHaveLength(2);
});

it('sends the credentials of the proxy URL as Proxy-Authorization, for forwarding and tunnelling', async () => {
  const [plain, secure, relay] = [await httpGateway(), await tlsGateway(), await proxy({ user: USER, pass: PASS })];
  const proxyUrl = withAuth(relay.url, USER, PASS);
  await client(plain.url, { env: {}, proxy: proxyUrl }).call('alibaba.item.get');
  await client(secure.url, { env: { HTTPS_PROXY: proxyUrl }, ca: TEST_CA }).call('alibaba.item.get');
  expect([relay.forwarded.length, relay.tunnels.length, secure.answered]).toEqual([1, 1, 1]);
  expect(relay.authorizations).toEqual([basic(USER, PASS), basic(USER, PASS)]);
});

it.each(['refused', 'echoed'] as const)(
  'proxy credentials %s: no password or Proxy-Authorization in any error, log or hook',
  async (how) => {
    // refused: the proxy wants other credentials (407). echoed: the target is down and the proxy's
    // 502 page repeats the Proxy-Authorization it got, in base64 and decoded.
    const relay = await proxy({ user: USER, pass: how === 'refused' ? 'the-right-one' : PASS });
    const down = await closedPortUrl();
    const targets = how === 'echoed' ? [down] : [(await httpGateway()).url, (await tlsGateway()).url];
    const texts: string[] = [];
    for (const target of targets) {
      const c = client(target, { env: {}, proxy: withAuth(relay.url, USER, PASS), ca: TEST_CA, ...observer(texts) });
      keepError(texts, await failure(c.call('alibaba.item.get')));
    }
    expect(relay.authorizations).toEqual(targets.map(() => basic(USER, PASS))); // sent each time
    const all = texts.join('\n');
    expect(all).toContain(how === 'refused' ? '407' : 'Bad gateway'); // the proxy's answer came back, masked
    for (const secret of [PASS, encodeURIComponent(PASS), basic(USER, PASS).slice(6), `${USER}:${PASS}`]) {
      expect(all).not.toContain(secret);
    }
  },
);

it('httpAgent: the caller’s agent does the connecting, and the proxy variables do not apply', async () => {
  const [gateway, relay] = [await httpGateway(), await proxy()];
  let connections = 0;
  class CountingAgent extends http.Agent {
    override createConnection(...args: Parameters<http.Agent['createConnection']>): Duplex {
      connections += 1;
      return super.createConnection(...args) as Duplex;
    }
  }
  const agent = new CountingAgent({ keepAlive: true });
  keep({ close: async () => agent.destroy() });
  const c = client(gateway.url, { env: { HTTP_PROXY: relay.url }, httpAgent: agent });
  await c.call('alibaba.item.get');
  await c.call('alibaba.item.get');
  expect(connections).toBe(1);
  expect(gateway.seen).toHaveLength(2);
  expect([relay.forwarded, relay.tunnels]).toEqual([[], []]);
});

it('refuses a bad proxy URL or a proxy beside agents, naming the option and never quoting the value', () => {
  const secretUrl = `ftp://${USER}:${PASS}@proxy.example`;
  const bad = ({ env = {}, ...options }: Extra) => {
    setProxyVariables(env);
    try {
      new OpenClient({ dialect: 'top', appKey: '1', appSecret: 'proxy-test-secret', ...options });
    } catch (error) {
      return error as Error;
    }
    throw new Error('accepted');
  };
  const cases: Array<[Extra, string]> = [
    [{ env: {}, proxy: secretUrl }, 'option "proxy"'],
    [{ env: { HTTPS_PROXY: secretUrl } }, 'HTTPS_PROXY (environment)'],
    [{ env: {}, proxy: 'http://proxy.example:3128', httpsAgent: new http.Agent() }, 'option "proxy" does not apply'],
    [{ env: {}, ca: TEST_CA, httpAgent: new http.Agent() }, 'option "ca" does not apply'],
  ];
  for (const [options, named] of cases) {
    const error = bad(options);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(named);
    expect(error.message).not.toContain(PASS);
  }
});
