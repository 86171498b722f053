/** OpenClient against the sandbox's 1688 AOP gateway: signing, tokens, OAuth, error codes. */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SignatureError,
  type OpenApiError,
  type OpenClient,
} from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure, sandboxClient, SEED_SHOP } from '../support/sandbox-clients';

const PRODUCT = 'com.alibaba.product/alibaba.product.get';

let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    limits: false,
    tokenTtlMs: 400,
    apps: [
      {
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        accessTokens: [SANDBOX_DEFAULTS.accessToken],
        refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
      },
      { appKey: 'restricted', appSecret: 'restricted-secret', apis: [], accessTokens: ['restricted-token'] },
      {
        appKey: 'limited',
        appSecret: 'limited-secret',
        accessTokens: ['limited-token'],
        limits: { qps: 2, perMinute: 1000 },
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

function aop(options: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const client = sandboxClient(sandbox, 'aop', options);
  made.push(client);
  return client;
}

describe('AOP through the sandbox', () => {
  it('gets the seed product, by POST and by GET, in the real shape {success, productInfo}', async () => {
    for (const httpMethod of ['POST', 'GET'] as const) {
      const body = (await aop().call(PRODUCT, { productID: '610947572360' }, { httpMethod })) as {
        success: boolean;
        productInfo: { productID: number; subject: string };
      };
      expect(body.success).toBe(true);
      expect(body.productInfo.productID).toBe(610947572360);
    }
  });

  it('keeps a product id above 2^53 exact', async () => {
    // The 14th item of the seed shop has an id above 2^53; the sandbox writes Longs as raw JSON numbers.
    const top = sandboxClient(sandbox, 'top', { session: undefined });
    made.push(top);
    const listing = (await top.searchShopItems({ sellerNick: SEED_SHOP })).items;
    const big = listing.find((item) => BigInt(item.id) > 2n ** 53n)!;
    const body = (await aop().call(PRODUCT, { productID: big.id })) as { productInfo: { productID: unknown } };
    expect(body.productInfo.productID).toBe(big.id);
    expect((await aop().getItem(big.id)).id).toBe(big.id);
  });

  const cases: Array<[string, () => Promise<unknown>, new (...a: never[]) => OpenApiError, string, string]> = [
    [
      'gw.AppKeyNotExist',
      () => aop({ appKey: '99999999' }).call(PRODUCT, { productID: '1' }),
      AuthenticationError,
      'gw.AppKeyNotExist',
      'the app key does not exist',
    ],
    [
      'gw.SignatureInvalid',
      () => aop({ appSecret: 'wrong-secret' }).call(PRODUCT, { productID: '1' }),
      SignatureError,
      'gw.SignatureInvalid',
      'Request signature is invalid',
    ],
    [
      'gw.APIUnsupported',
      () => aop().call('com.alibaba.product/alibaba.nothing.get', {}),
      NotFoundError,
      'gw.APIUnsupported',
      'unsupported api: param2/1/com.alibaba.product/alibaba.nothing.get/10000001',
    ],
    [
      'gw.APIACLDecline',
      () =>
        aop({
          appKey: 'restricted',
          appSecret: 'restricted-secret',
          accessToken: 'restricted-token',
          refreshToken: undefined,
        }).call(PRODUCT, { productID: '1' }),
      PermissionError,
      'gw.APIACLDecline',
      `the app may not call ${PRODUCT}`,
    ],
    [
      'gw.AccessTokenMissing',
      () => aop({ accessToken: undefined, refreshToken: undefined }).call(PRODUCT, { productID: '1' }),
      AuthenticationError,
      'gw.AccessTokenMissing',
      'Request need user authorized',
    ],
    [
      'gw.AccessTokenInvalid',
      () => aop({ accessToken: 'not-a-token', refreshToken: undefined }).call(PRODUCT, { productID: '1' }),
      AuthenticationError,
      'gw.AccessTokenInvalid',
      'the access token is not valid for this app',
    ],
    [
      'gw.ParameterMissing',
      () => aop().call(PRODUCT, {}),
      InvalidRequestError,
      'gw.ParameterMissing',
      'Missing required arguments:productID',
    ],
    [
      'gw.ResourceNotFound',
      () => aop().call(PRODUCT, { productID: '1' }),
      NotFoundError,
      'gw.ResourceNotFound',
      'product 1 does not exist',
    ],
  ];

  it.each(cases)(
    '%s reaches the caller as the right class, the server text verbatim',
    async (_n, run, type, code, message) => {
      const error = (await failure(run())) as OpenApiError;
      expect(error).toBeInstanceOf(type);
      expect(error.code).toBe(code);
      expect(error.serverMessage).toBe(message);
      expect(error.requestId).toEqual(expect.any(String));
      expect(error.attempts).toBe(1);
    },
  );

  it('gw.ParameterInvalid for a malformed id', async () => {
    const error = (await failure(aop().call(PRODUCT, { productID: 'abc' }))) as OpenApiError;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.code).toBe('gw.ParameterInvalid');
  });

  it('gw.QosAppFrequencyLimit: RateLimitError', async () => {
    const limited = aop({
      appKey: 'limited',
      appSecret: 'limited-secret',
      accessToken: 'limited-token',
      refreshToken: undefined,
      retry: false,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => limited.call(PRODUCT, { productID: '610947572360' })),
    );
    const rejected = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as OpenApiError);
    expect(rejected.length).toBeGreaterThan(0);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.code).toBe('gw.QosAppFrequencyLimit');
      expect(error.serverMessage).toBe('App call exceeds limited frequency');
    }
  });

  it('gw.TimestampInvalid: corrects the clock and succeeds', async () => {
    const skewed = await startSandbox({ limits: false, clock: { offsetMs: -2 * 3600_000 } });
    const client = sandboxClient(skewed, 'aop');
    try {
      await expect(client.call(PRODUCT, { productID: '610947572360' })).resolves.toBeDefined();
      expect(skewed.log.map((e) => e.code ?? e.outcome)).toEqual(['gw.TimestampInvalid', 'ok']);
    } finally {
      await client.close();
      await skewed.close();
    }
  });
});

describe('1688 OAuth through the sandbox', () => {
  it('exchanges a code, then refreshes an expired token once for many concurrent calls', async () => {
    const client = aop({ accessToken: undefined, refreshToken: undefined });
    const tokens = await client.getAccessToken(sandbox.oauth.issueCode(SANDBOX_DEFAULTS.appKey), 'http://localhost/cb');
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.refresh_token).toEqual(expect.any(String));
    await expect(client.call(PRODUCT, { productID: '610947572360' })).resolves.toBeDefined();

    await new Promise((resolve) => setTimeout(resolve, 500)); // tokenTtlMs is 400
    const before = sandbox.log.filter((e) => e.api === 'system.oauth2/getToken').length;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client.call(PRODUCT, { productID: '610947572360' })),
    );
    expect(results).toHaveLength(6);
    const refreshes = sandbox.log.filter((e) => e.api === 'system.oauth2/getToken').length - before;
    expect(refreshes).toBe(1);
    expect(sandbox.log.some((e) => e.code === 'gw.AccessTokenExpired')).toBe(true);
  });

  it('refreshAccessToken with the configured refresh token', async () => {
    const result = await aop().refreshAccessToken(SANDBOX_DEFAULTS.refreshToken);
    expect(result.access_token).toMatch(/^token-/);
  });

  it('a used or unknown code is AuthenticationError invalid_grant, not retried', async () => {
    const error = (await failure(
      aop().getAccessToken('code-that-was-never-issued', 'http://localhost/cb'),
    )) as OpenApiError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_grant');
    expect(error.serverMessage).toBe('the authorization code is invalid, used or expired');
    expect(error.attempts).toBe(1);
  });
});
