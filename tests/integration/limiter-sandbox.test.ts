/**
 * The limiter against the sandbox gateway, judged by the sandbox's own request log (`arrivalMs`, the
 * sliding windows it enforces): signed TOP calls from 50 concurrent callers, scaled-down windows.
 */
import Bottleneck from 'bottleneck';
import { countWindowViolations, createScheduler, maxInSlidingWindow, utilisation } from '../../src/limiter/index';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO, http, topParams } from './sandbox/http';

const LIMITS = { qps: 5, perMinute: 12, qpsWindowMs: 1000, perMinuteWindowMs: 3000 };
const RULES = [
  { limit: LIMITS.qps, windowMs: LIMITS.qpsWindowMs },
  { limit: LIMITS.perMinute, windowMs: LIMITS.perMinuteWindowMs },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function callItemGet(sandbox: Sandbox): Promise<void> {
  const params = topParams({ method: 'alibaba.item.get', item_id: '610947572360' });
  const answer = await http(`${sandbox.urls.top}?${new URLSearchParams(params)}`);
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
}

async function burst(callers: number, total: number, run: () => Promise<unknown>): Promise<void> {
  let left = total;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left > 0) {
        left--;
        await run();
      }
    }),
  );
}

describe('limiter against the sandbox gateway', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ limits: LIMITS });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('50 concurrent callers: 0 window violations and 0 refusals in the sandbox log, >= 98% utilisation', async () => {
    const limiter = createScheduler({ appKey: DEMO.appKey, limits: LIMITS });
    await burst(50, 36, () => limiter.schedule(() => callItemGet(sandbox)));
    await limiter.close();
    const log = sandbox.log.filter((entry) => entry.appKey === DEMO.appKey);
    expect(log).toHaveLength(36);
    expect(log.filter((entry) => entry.outcome !== 'ok')).toEqual([]);
    const arrivals = log.map((entry) => entry.arrivalMs);
    expect(countWindowViolations(arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(arrivals, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
    expect(maxInSlidingWindow(arrivals, LIMITS.perMinuteWindowMs)).toBe(LIMITS.perMinute);
    expect(utilisation(arrivals, RULES)).toBeGreaterThanOrEqual(0.98);
  }, 25_000);

  it('a plain fixed-window reservoir gets refused by the same sandbox', async () => {
    const plain = new Bottleneck({
      reservoir: LIMITS.qps,
      reservoirRefreshAmount: LIMITS.qps,
      reservoirRefreshInterval: LIMITS.qpsWindowMs,
    });
    await sleep(700);
    await burst(50, 10, () => plain.schedule(() => callItemGet(sandbox)));
    await plain.stop();
    const arrivals = sandbox.log.map((entry) => entry.arrivalMs);
    expect(countWindowViolations(arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBeGreaterThan(0);
    expect(sandbox.log.filter((entry) => entry.outcome === 'rate-limited').length).toBeGreaterThan(0);
  });
});
