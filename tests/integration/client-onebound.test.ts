/** OpenClient against the sandbox's OneBound gateway: every error code of seed 000 it can produce. */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  QuotaExceededError,
  RateLimitError,
  ServiceError,
  type OpenApiError,
  type OpenClient,
} from '../../src/index';
import { ONEBOUND_ERROR_CODES } from '../../src/sandbox/fixtures/onebound-610947572360';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure, sandboxClient, SEED_SHOP } from '../support/sandbox-clients';

let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    limits: false,
    apps: [
      { appKey: SANDBOX_DEFAULTS.appKey, appSecret: SANDBOX_DEFAULTS.appSecret },
      { appKey: 'quota', appSecret: 'quota-secret', dailyQuota: 1 },
      { appKey: 'broke', appSecret: 'broke-secret', balance: 0 },
      { appKey: 'limited', appSecret: 'limited-secret', limits: { qps: 2, perMinute: 1000 } },
    ],
  });
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

function onebound(options: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const client = sandboxClient(sandbox, 'onebound', options);
  made.push(client);
  return client;
}

describe('OneBound through the sandbox', () => {
  it.each(['item_get', 'item_get_pro'])('%s returns the unwrapped item, by GET and by POST', async (api) => {
    for (const httpMethod of ['GET', 'POST'] as const) {
      const item = (await onebound().call(api, { num_iid: '610947572360' }, { httpMethod })) as {
        num_iid: string;
        title: string;
      };
      expect(item.num_iid).toBe('610947572360');
      expect(item.title).toContain('Qin2 Pro');
    }
  });

  it('sends lang and cache, and keeps big ids exact in item_search_shop', async () => {
    const items = (await onebound({ lang: 'en', cache: false }).call('item_search_shop', {
      seller_nick: SEED_SHOP,
    })) as {
      item: Array<{ num_iid: string | number }>;
    };
    const big = items.item
      .map((i) => i.num_iid)
      .filter((id): id is string => typeof id === 'string' && BigInt(id) > 2n ** 53n);
    expect(big.length).toBeGreaterThan(0);
    for (const id of big) expect(BigInt(id) % 2n).toBe(1n);
  });

  const reason = (code: string): string => ONEBOUND_ERROR_CODES[code]![1];
  const cases: Array<[string, () => Promise<unknown>, new (...a: never[]) => OpenApiError, string | undefined]> = [
    ['2000', () => onebound().call('item_get', { num_iid: '1' }), NotFoundError, '商品没找到'],
    [
      '4003',
      () => onebound().call('item_get', { num_iid: '610947572360', sales_data: '7' }),
      InvalidRequestError,
      undefined,
    ],
    ['4004', () => onebound({ appKey: 'nobody' }).call('item_get', { num_iid: '1' }), AuthenticationError, undefined],
    [
      '4005',
      () => onebound({ appSecret: 'wrong-secret' }).call('item_get', { num_iid: '1' }),
      AuthenticationError,
      undefined,
    ],
    ['4010', () => onebound().call('item_nothing', { num_iid: '1' }), NotFoundError, undefined],
    ['4014', () => onebound().call('item_get', {}), InvalidRequestError, undefined],
    [
      '4016',
      () => onebound({ appKey: 'broke', appSecret: 'broke-secret' }).call('item_get', { num_iid: '610947572360' }),
      QuotaExceededError,
      undefined,
    ],
  ];

  it.each(cases)(
    '%s reaches the caller as the right class, the server text verbatim',
    async (code, run, type, text) => {
      const error = (await failure(run())) as OpenApiError;
      expect(error).toBeInstanceOf(type);
      expect(error.code).toBe(code);
      expect(error.serverMessage).toEqual(expect.any(String));
      if (text !== undefined) expect(error.serverMessage).toBe(text);
      expect(error.requestId).toEqual(expect.any(String));
      expect(error.attempts).toBe(1);
      expect(error.request?.url).not.toContain('secret');
    },
  );

  it('4013 when the daily quota is used up', async () => {
    const client = onebound({ appKey: 'quota', appSecret: 'quota-secret' });
    await client.call('item_get', { num_iid: '610947572360' });
    const error = (await failure(client.call('item_get', { num_iid: '610947572360' }))) as OpenApiError;
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error.code).toBe('4013');
    expect(error.serverMessage).toBe(reason('4013'));
  });

  it('4008 when the rate limit is exceeded', async () => {
    const client = onebound({ appKey: 'limited', appSecret: 'limited-secret', retry: false });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => client.call('item_get', { num_iid: '610947572360' })),
    );
    const rejected = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as OpenApiError);
    expect(rejected.length).toBeGreaterThan(0);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.code).toBe('4008');
    }
  });

  it('5000 from the service-error fault is a retryable ServiceError', async () => {
    sandbox.faults.inject({ kind: 'service-error', dialect: 'onebound', count: 10 });
    try {
      const error = (await failure(onebound().call('item_get', { num_iid: '610947572360' }))) as OpenApiError;
      expect(error).toBeInstanceOf(ServiceError);
      expect(error.code).toBe('5000');
      expect(error.retryable).toBe(true);
      expect(error.attempts).toBe(3);
    } finally {
      sandbox.faults.clear();
    }
  });
});
