/** OpenClient against the sandbox's TOP router over real HTTP. */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  type OpenClient,
  PermissionError,
  RateLimitError,
  SignatureError,
  type OpenApiError,
} from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure, sandboxClient, SEED_SHOP } from '../support/sandbox-clients';

let sandbox: Sandbox;
let client: OpenClient;
const extra: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    limits: false,
    apps: [
      {
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        sessions: [SANDBOX_DEFAULTS.session],
        accessTokens: [SANDBOX_DEFAULTS.accessToken],
        refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
      },
      { appKey: 'restricted', appSecret: 'restricted-secret', apis: ['item_search_shop'], limits: false },
      { appKey: 'limited', appSecret: 'limited-secret', limits: { qps: 2, perMinute: 1000 } },
    ],
  });
  client = sandboxClient(sandbox, 'top');
});

afterAll(async () => {
  await Promise.all([client.close(), ...extra.map((c) => c.close())]);
  await sandbox.close();
});

function other(options: Parameters<typeof sandboxClient>[2]): OpenClient {
  const made = sandboxClient(sandbox, 'top', options);
  extra.push(made);
  return made;
}

describe('TOP through the sandbox', () => {
  it('gets the seed item, by POST and by GET', async () => {
    for (const httpMethod of ['POST', 'GET'] as const) {
      const payload = (await client.call('alibaba.item.get', { item_id: '610947572360' }, { httpMethod })) as {
        item: { item_id: string; title: string };
      };
      expect(payload.item.item_id).toBe('610947572360');
      expect(payload.item.title).toContain('Qin2 Pro');
    }
  });

  it('keeps ids above 2^53 exact, to the point of finding the item again by them', async () => {
    const page = (await client.call('item_search_shop', { seller_nick: SEED_SHOP })) as {
      items: { item: Array<{ num_iid: string | number }> };
    };
    const big = page.items.item.filter((i) => typeof i.num_iid === 'string' && BigInt(i.num_iid) > 2n ** 53n);
    expect(big.length).toBeGreaterThan(0);
    for (const item of big) {
      // Odd ids above 2^53 have no exact double: a rounded id would be even.
      expect(BigInt(item.num_iid) % 2n).toBe(1n);
      const again = (await client.call('alibaba.item.get', { item_id: item.num_iid })) as { item: { item_id: string } };
      expect(again.item.item_id).toBe(item.num_iid);
    }
  });

  it('calls a session API (taobao.qianniu.item.get)', async () => {
    const payload = (await client.call('taobao.qianniu.item.get', { page: 1 })) as { page: number };
    expect(payload.page).toBe(1);
  });

  const cases: Array<
    [string, () => Promise<unknown>, new (...a: never[]) => OpenApiError, string, string | undefined]
  > = [
    [
      '15 isv.item-not-exist',
      () => client.call('alibaba.item.get', { item_id: '1' }),
      NotFoundError,
      '15',
      'Remote service error',
    ],
    [
      '15 isv.shop-not-exist',
      () => client.call('item_search_shop', { seller_nick: 'nobody-here' }),
      NotFoundError,
      '15',
      'Remote service error',
    ],
    ['22 invalid method', () => client.call('alibaba.nothing.get', {}), NotFoundError, '22', 'Invalid Method'],
    [
      '25 invalid signature',
      () => other({ appSecret: 'wrong-secret' }).call('alibaba.item.get', { item_id: '1' }),
      SignatureError,
      '25',
      'Invalid signature',
    ],
    [
      '26 missing session',
      () => other({ session: undefined }).call('taobao.qianniu.item.get', {}),
      AuthenticationError,
      '26',
      'Missing Session',
    ],
    [
      '27 invalid session',
      () => other({ session: 'not-a-session' }).call('taobao.qianniu.item.get', {}),
      AuthenticationError,
      '27',
      'Invalid Session',
    ],
    [
      '29 invalid app key',
      () => other({ appKey: '99999999' }).call('alibaba.item.get', { item_id: '1' }),
      AuthenticationError,
      '29',
      'Invalid App Key',
    ],
    [
      '11 insufficient permissions',
      () =>
        other({ appKey: 'restricted', appSecret: 'restricted-secret', session: undefined }).call('alibaba.item.get', {
          item_id: '1',
        }),
      PermissionError,
      '11',
      'Insufficient ISV Permissions',
    ],
    [
      '40 missing arguments',
      () => client.call('alibaba.item.get', {}),
      InvalidRequestError,
      '40',
      'Missing Required Arguments',
    ],
    [
      '41 invalid arguments',
      () => client.call('alibaba.item.get', { item_id: 'abc' }),
      InvalidRequestError,
      '41',
      'Invalid Arguments',
    ],
  ];

  it.each(cases)(
    '%s reaches the caller as the right class, the server text verbatim',
    async (_name, run, type, code, msg) => {
      const error = (await failure(run())) as OpenApiError;
      expect(error).toBeInstanceOf(type);
      expect(error.code).toBe(code);
      expect(error.serverMessage).toBe(msg);
      expect(error.requestId).toEqual(expect.any(String));
      expect(error.attempts).toBe(1);
      expect(error.request?.paramNames).toContain('sign');
    },
  );

  it('reports the sub-message verbatim, Chinese included', async () => {
    const error = (await failure(client.call('alibaba.item.get', { item_id: '1' }))) as OpenApiError;
    expect(error.subCode).toBe('isv.item-not-exist');
    expect(error.subMessage).toBe('商品不存在');
  });

  it('7 App Call Limited: RateLimitError with the ban length', async () => {
    const limited = other({ appKey: 'limited', appSecret: 'limited-secret', session: undefined, retry: false });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => limited.call('alibaba.item.get', { item_id: '610947572360' })),
    );
    const rejected = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as RateLimitError);
    expect(rejected.length).toBeGreaterThan(0);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.code).toBe('7');
      expect(error.subCode).toBe('accesscontrol.limited-by-app-access-count');
      expect(error.subMessage).toMatch(/^This ban will last for \d+ more seconds$/);
      expect(error.retryAfterMs).toBeGreaterThan(0);
    }
  });

  it('7 with a ban longer than the deadline fails at once; with time to spare the calls wait and succeed', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // let the previous test's window pass
    const hurried = other({ appKey: 'limited', appSecret: 'limited-secret', session: undefined });
    const started = Date.now();
    const quick = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        hurried.call('alibaba.item.get', { item_id: '610947572360' }, { deadlineMs: 300 }),
      ),
    );
    const refused = quick
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as RateLimitError);
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.retryAfterMs).toBeGreaterThan(300);
    }
    expect(Date.now() - started).toBeLessThan(3_000);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const patient = other({
      appKey: 'limited',
      appSecret: 'limited-secret',
      session: undefined,
      retry: { retries: 5, minDelayMs: 10, maxDelayMs: 100 },
    });
    const all = await Promise.all(
      Array.from({ length: 4 }, () => patient.call('alibaba.item.get', { item_id: '610947572360' })),
    );
    expect(all).toHaveLength(4);
  });

  it('31 invalid timestamp: corrects the clock from the Date header and succeeds', async () => {
    const skewed = await startSandbox({ limits: false, clock: { offsetMs: 3 * 3600_000 } });
    const skewedClient = sandboxClient(skewed, 'top');
    try {
      await expect(skewedClient.call('alibaba.item.get', { item_id: '610947572360' })).resolves.toBeDefined();
      expect(skewed.log.map((e) => e.code ?? e.outcome)).toEqual(['31', 'ok']);
      expect(Math.abs(skewedClient.clock.getOffsetMs() - 3 * 3600_000)).toBeLessThan(10_000);
    } finally {
      await skewedClient.close();
      await skewed.close();
    }
  });
});
