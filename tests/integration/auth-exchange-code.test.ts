/**
 * exchangeCode over real sockets: against the sandbox's OAuth endpoint (a code from its consent
 * page's redirect, then a bad, a reused and a misdirected code, and a wrong secret, each with the
 * server's text verbatim and no secret in the error), and against a plain server that answers as
 * 1688's getToken does, to check the request that goes out and the reading of the answer.
 */
import http from 'node:http';
import { inspect } from 'node:util';
import { authorizeUrl, exchangeCode } from '../../src/auth/index';
import { AuthenticationError, InvalidRequestError, OpenApiError, OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';

const APP = { appKey: SANDBOX_DEFAULTS.appKey, appSecret: SANDBOX_DEFAULTS.appSecret };
const REDIRECT = 'http://127.0.0.1:9/callback';
const WRONG_SECRET = 'wrong-secret-5d1e9a77';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ limits: false });
});
afterAll(() => sandbox.close());

/** What the seller's browser does: open the consent page and read the code off the redirect. */
async function approve(redirectUri = REDIRECT, state = 'st-1'): Promise<{ code: string; state: string | null }> {
  const url = authorizeUrl({ appKey: APP.appKey, redirectUri, state, baseUrl: sandbox.url });
  const consent = await fetch(url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const location = new URL(consent.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') };
}

async function failure(promise: Promise<unknown>): Promise<OpenApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenApiError);
  return error as OpenApiError;
}

function everythingPrinted(error: OpenApiError): string {
  return [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 5 })].join('\n');
}

describe('exchangeCode against the sandbox', () => {
  it('trades the code of a consent redirect for typed tokens that the gateway then accepts', async () => {
    const { code, state } = await approve();
    expect(state).toBe('st-1');
    const before = Date.now();
    const tokens = await exchangeCode({ ...APP, code, redirectUri: REDIRECT, baseUrl: sandbox.urls.aop });
    expect(tokens).toMatchObject({
      accessToken: expect.stringMatching(/^token-/),
      refreshToken: expect.stringMatching(/^refresh-/),
      expiresInMs: 10 * 3600_000,
      memberId: 'b2b-2206619673102e9470',
      aliId: '2206619673102',
      resourceOwner: 'qin多亲科技',
    });
    expect(tokens.accessTokenExpiresAt.getTime()).toBeGreaterThanOrEqual(before + tokens.expiresInMs);
    // Half a year, as 1688 documents for refresh tokens.
    const refreshDays = ((tokens.refreshTokenExpiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(refreshDays).toBeGreaterThan(179);
    expect(refreshDays).toBeLessThan(181);

    const client = new OpenClient({
      dialect: 'aop',
      ...APP,
      baseUrl: sandbox.urls.aop,
      accessToken: tokens.accessToken,
    });
    try {
      await expect(
        client.call('com.alibaba.product/alibaba.product.get', { productID: '610947572360' }),
      ).resolves.toMatchObject({ success: true });
    } finally {
      await client.close();
    }
  });

  it('a code that was never issued: AuthenticationError invalid_grant, the server text verbatim', async () => {
    const error = await failure(
      exchangeCode({ ...APP, code: 'code-never-issued', redirectUri: REDIRECT, baseUrl: sandbox.urls.aop }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_grant');
    expect(error.serverMessage).toBe('the authorization code is invalid, used or expired');
    expect(error.httpStatus).toBe(400);
  });

  it('a code used once already fails the second time, and is not retried', async () => {
    const { code } = await approve();
    await exchangeCode({ ...APP, code, redirectUri: REDIRECT, baseUrl: sandbox.urls.aop });
    const calls = () => sandbox.log.filter((entry) => entry.api === 'system.oauth2/getToken').length;
    const before = calls();
    const error = await failure(exchangeCode({ ...APP, code, redirectUri: REDIRECT, baseUrl: sandbox.urls.aop }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_grant');
    expect(error.serverMessage).toBe('the authorization code is invalid, used or expired');
    expect(error.attempts).toBe(1);
    expect(calls() - before).toBe(1);
    expect(everythingPrinted(error)).not.toContain(code);
  });

  it('a code exchanged with another redirect_uri than it was issued for is refused', async () => {
    const { code } = await approve();
    const error = await failure(
      exchangeCode({ ...APP, code, redirectUri: 'http://127.0.0.1:9/elsewhere', baseUrl: sandbox.urls.aop }),
    );
    expect(error.code).toBe('invalid_grant');
    expect(error.serverMessage).toBe('redirect_uri does not match the authorization request');
  });

  it('a wrong secret: AuthenticationError invalid_client, the server text verbatim, neither secret nor code in the error', async () => {
    const { code } = await approve();
    const error = await failure(
      exchangeCode({
        appKey: APP.appKey,
        appSecret: WRONG_SECRET,
        code,
        redirectUri: REDIRECT,
        baseUrl: sandbox.urls.aop,
      }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_client');
    expect(error.serverMessage).toBe('client_id / client_secret (or the signature) do not match the app');
    const printed = everythingPrinted(error);
    expect(printed).not.toContain(WRONG_SECRET);
    expect(printed).not.toContain(code);
  });

  it('refuses bad input with InvalidRequestError before anything is sent', async () => {
    const sent = sandbox.log.length;
    const base = { ...APP, code: 'c', redirectUri: REDIRECT, baseUrl: sandbox.urls.aop };
    for (const bad of [
      { ...base, code: '' },
      { ...base, appSecret: '' },
      { ...base, appKey: '' },
      { ...base, redirectUri: 'not a url' },
      { ...base, baseUrl: 'not a url' },
    ]) {
      await expect(exchangeCode(bad)).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(sandbox.log.length).toBe(sent);
  });
});

describe('exchangeCode against a plain server answering as 1688 does', () => {
  let server: http.Server;
  let seen: { method?: string; path?: string; form: URLSearchParams };
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, path: req.url, form: new URLSearchParams(body) };
        res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const baseUrl = () => `http://127.0.0.1:${(server.address() as { port: number }).port}/openapi/`;

  it('POSTs grant_type=authorization_code, need_refresh_token, client_id/secret, redirect_uri and code to http/1/system.oauth2/getToken/<appKey>', async () => {
    // The fields of 1688's answer as ZyLob/1688 models it (AliAuthToken), refresh_token_timeout in
    // the 14-digit Beijing form that SDK parses, expires_in a string of seconds.
    answer = {
      status: 200,
      body: JSON.stringify({
        aliId: '8888888888',
        resource_owner: 'seller-login',
        memberId: 'b2b-88888888',
        expires_in: '36000',
        refresh_token: 'RT-1',
        access_token: 'AT-1',
        refresh_token_timeout: '20270530080000+0800',
      }),
    };
    const tokens = await exchangeCode({
      appKey: 'app42',
      appSecret: 'secret42',
      code: 'C-1',
      redirectUri: REDIRECT,
      baseUrl: baseUrl(),
    });
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/openapi/http/1/system.oauth2/getToken/app42');
    expect(
      Object.fromEntries(
        ['grant_type', 'need_refresh_token', 'client_id', 'client_secret', 'redirect_uri', 'code'].map((k) => [
          k,
          seen.form.get(k),
        ]),
      ),
    ).toEqual({
      grant_type: 'authorization_code',
      need_refresh_token: 'true',
      client_id: 'app42',
      client_secret: 'secret42',
      redirect_uri: REDIRECT,
      code: 'C-1',
    });
    expect(tokens).toMatchObject({
      accessToken: 'AT-1',
      refreshToken: 'RT-1',
      expiresInMs: 36_000_000,
      refreshTokenExpiresAt: new Date('2027-05-30T00:00:00.000Z'),
      aliId: '8888888888',
      memberId: 'b2b-88888888',
      resourceOwner: 'seller-login',
    });
  });

  it('an {error, error_description} answer keeps the description verbatim, whatever its language', async () => {
    answer = {
      status: 401,
      body: JSON.stringify({ error: 'invalid_client', error_description: 'client_secret 不正确' }),
    };
    const error = await failure(
      exchangeCode({ appKey: 'app42', appSecret: 'secret42', code: 'C-2', redirectUri: REDIRECT, baseUrl: baseUrl() }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.serverMessage).toBe('client_secret 不正确');
    expect(everythingPrinted(error)).not.toContain('secret42');
  });
});
