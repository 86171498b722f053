/**
 * One quota per app key in a process: two `OpenClient`s of one app key share one limiter, so the
 * gateway (the sandbox, counting sliding windows in its own log) never sees more than the limit in
 * any second; closing one client leaves the other working; a client built per request (as in a
 * serverless handler) still cannot exceed the quota.
 */
import { InvalidRequestError, type OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient } from '../support/sandbox-clients';

const QPS = 5;
let sandbox: Sandbox;

function client(limits: Record<string, unknown> = { qps: QPS, perMinute: 1000 }): OpenClient {
  return sandboxClient(sandbox, 'top', { limits });
}

const itemGet = (c: OpenClient) => c.call('alibaba.item.get', { item_id: '610947572360' });

beforeEach(async () => {
  // The sandbox enforces 5 a second too: a second with more than 5 shows as overQps and refusals.
  sandbox = await startSandbox({ limits: { qps: QPS, perMinute: 1000 } });
});
afterEach(async () => {
  await sandbox.close();
});

it('two clients of one app key at qps 5: no second at the gateway holds more than 5', async () => {
  const [a, b] = [client(), client()];
  try {
    await Promise.all([
      ...Array.from({ length: 12 }, () => itemGet(a)),
      ...Array.from({ length: 12 }, () => itemGet(b)),
    ]);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!;
  expect(stats).toMatchObject({ total: 24, ok: 24, rateLimited: 0, overQps: 0 });
  expect(stats.maxInQpsWindow).toBe(QPS);
}, 20_000);

it('closing one client leaves the other working within the same quota', async () => {
  const [a, b] = [client(), client()];
  const waiting = Array.from({ length: 8 }, () => itemGet(b));
  await itemGet(a);
  await a.close();
  await expect(Promise.all(waiting)).resolves.toHaveLength(8);
  await expect(itemGet(b)).resolves.toBeDefined();
  await b.close();
  const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!;
  expect(stats).toMatchObject({ total: 10, ok: 10, overQps: 0 });
}, 20_000);

it('a client per call (built, used, closed) still keeps the quota of the app key', async () => {
  const once = async (): Promise<void> => {
    const c = client();
    try {
      await itemGet(c);
    } finally {
      await c.close();
    }
  };
  // Sequential, each with a fresh client: the limiter's log outlives the clients.
  for (let i = 0; i < 12; i++) await once();
  const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!;
  expect(stats).toMatchObject({ total: 12, ok: 12, overQps: 0 });
}, 20_000);

it('refuses a second client of the same app key with different limits, naming the field', async () => {
  const a = client();
  try {
    expect(() => client({ qps: 7, perMinute: 1000 })).toThrow(InvalidRequestError);
    expect(() => client({ qps: 7, perMinute: 1000 })).toThrow(/limits\.qps.*qps 5, this client asks for 7/);
    // Another `id` is another quota: allowed.
    const other = client({ qps: 7, perMinute: 1000, id: 'reports' });
    await other.close();
  } finally {
    await a.close();
  }
  // Once every client of the key is closed, new limits are fine.
  const c = client({ qps: 7, perMinute: 1000 });
  await c.close();
});
