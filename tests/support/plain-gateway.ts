/**
 * A plain gateway for tests that must not agree with our own sandbox: a node:http server on
 * 127.0.0.1 that answers each request with whatever body the test gives it (a seed's body verbatim,
 * a lie about page counts, a malformed answer), and records what was asked. Clients built by
 * `plainClient` point at it with `limits: false` and no retries, so every request is one the test
 * expects.
 */
import { OpenClient, type ClientOptions } from '../../src/index';
import type { Dialect } from '../../src/errors';
import { loopback, type Loopback, type Seen } from './loopback';

/** What the server answers: a status (default 200) and the body text exactly as given. */
export interface PlainAnswer {
  status?: number;
  body: string;
}

export type PlainHandler = (seen: Seen, index: number) => PlainAnswer;

export interface PlainGateway extends Loopback {
  /** The API each request named: TOP `method`, AOP `namespace/name`, OneBound `api_name`. */
  apis(): string[];
}

export async function plainGateway(answer: PlainHandler): Promise<PlainGateway> {
  const server = await loopback((_req, res, seen, index) => {
    const { status = 200, body } = answer(seen, index);
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(body);
  });
  return { ...server, apis: () => server.seen.map(apiOf) };
}

function apiOf(seen: Seen): string {
  if (seen.params.method !== undefined) return seen.params.method;
  const aop = /^\/openapi\/param2\/1\/([^/]+)\/([^/]+)\//.exec(seen.url);
  if (aop) return `${aop[1]}/${aop[2]}`;
  return /^\/1688\/([^/]+)\/?$/.exec(seen.url)?.[1] ?? seen.url;
}

/** The test app's credentials: nothing secret, and never a real key. */
export const PLAIN_APP = { appKey: '12345678', appSecret: 'plain-gateway-secret', accessToken: 'plain-token' };

/** A client of `dialect` whose gateway is the plain server. */
export function plainClient(gateway: Pick<Loopback, 'url'>, dialect: Dialect, extra: Partial<ClientOptions> = {}) {
  const baseUrl =
    dialect === 'top' ? `${gateway.url}/router/rest` : dialect === 'aop' ? `${gateway.url}/openapi/` : gateway.url;
  return new OpenClient({
    dialect,
    appKey: PLAIN_APP.appKey,
    appSecret: PLAIN_APP.appSecret,
    ...(dialect === 'aop' ? { accessToken: PLAIN_APP.accessToken } : {}),
    ...(dialect === 'top' ? { session: 'plain-session' } : {}),
    baseUrl,
    limits: false,
    retry: false,
    ...extra,
  });
}
