/**
 * A client built with no `limits` option runs through the limiter at the platform's defaults
 * (10 a second, 100 a minute): a burst that would be refused by a gateway enforcing those limits is
 * spread out so that the sandbox, enforcing the same limits, refuses nothing.
 */
import { OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ limits: { qps: 10, perMinute: 100 } });
});

afterAll(async () => {
  await sandbox.close();
});

it('limits every call by default: 25 concurrent calls, none over 10 in any second, none refused', async () => {
  const client = new OpenClient({
    dialect: 'top',
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    baseUrl: sandbox.urls.top,
  });
  try {
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, () => client.call('alibaba.item.get', { item_id: '610947572360' })));
    // 25 calls at 10 a second need at least two full windows after the first ten.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  } finally {
    await client.close();
  }
  const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!;
  expect(stats).toMatchObject({ total: 25, ok: 25, rateLimited: 0, overQps: 0 });
  expect(stats.maxInQpsWindow).toBe(10);
});
