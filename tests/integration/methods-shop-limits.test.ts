/**
 * The crawl within the rate limits, judged by the sandbox's own log (`stats().byApp[appKey]`): the
 * pages fetched ahead go through the client's limiter like any other call.
 */
import { type OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type LimitSettings, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient, SEED_SHOP } from '../support/sandbox-clients';

async function crawl(limits: LimitSettings, pageSize: number) {
  const sandbox: Sandbox = await startSandbox({ limits });
  const client: OpenClient = sandboxClient(sandbox, 'top', { limits });
  try {
    const ids = new Set<string>();
    for await (const item of client.iterateShopItems({ sellerNick: SEED_SHOP, pageSize }, { concurrency: 4 })) {
      ids.add(item.id);
    }
    return { ids, stats: sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]! };
  } finally {
    await client.close();
    await sandbox.close();
  }
}

describe('iterateShopItems within the limits (sandbox stats)', () => {
  it('scaled windows (10 per 100 ms, 100 per s): 48 pages, never over', async () => {
    const { ids, stats } = await crawl({ qps: 10, perMinute: 100, qpsWindowMs: 100, perMinuteWindowMs: 1000 }, 40);
    expect(ids.size).toBe(1900);
    expect(stats).toMatchObject({ total: 48, ok: 48, rateLimited: 0, overQps: 0, overPerMinute: 0 });
    expect(stats.maxInQpsWindow).toBeLessThanOrEqual(10);
  });

  it('realistic limits (10/s, 100/min): 19 pages, never over', async () => {
    const { ids, stats } = await crawl({ qps: 10, perMinute: 100, qpsWindowMs: 1000, perMinuteWindowMs: 60_000 }, 100);
    expect(ids.size).toBe(1900);
    expect(stats).toMatchObject({ total: 19, ok: 19, rateLimited: 0, overQps: 0, overPerMinute: 0 });
  }, 15_000);
});
