/**
 * The README's batch (1 000 calls queued at once behind a per-minute quota, `maxQueued: 1000`) on
 * windows scaled down 100 times: a minute is 600 ms, a second 10 ms. Each call's `deadlineMs` counts
 * from when it leaves the queue, so calls that wait several "minutes" for their turn still succeed
 * with a deadline shorter than their wait; `queueTimeoutMs` is what bounds the wait itself.
 */
import { TimeoutError, type OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient } from '../support/sandbox-clients';

// 10 a "second" and 100 a "minute", each window 100 times shorter than the gateway's.
const LIMITS = { qps: 10, qpsWindowMs: 10, perMinute: 100, perMinuteWindowMs: 600 };
const CALLS = 1000;

let sandbox: Sandbox;
let client: OpenClient;
beforeEach(async () => {
  sandbox = await startSandbox({ limits: LIMITS });
  client = sandboxClient(sandbox, 'top', { limits: { ...LIMITS, maxQueued: CALLS } });
});
afterEach(async () => {
  await client.close();
  await sandbox.close();
});

it('1 000 calls queued at 100 per (scaled) minute all complete, each within a deadline shorter than its wait', async () => {
  const started = Date.now();
  // 500 ms is less than a scaled minute: under the old rule (queue time counted) 900 calls would time out.
  const calls = Array.from({ length: CALLS }, () =>
    client.call('alibaba.item.get', { item_id: '610947572360' }, { deadlineMs: 500 }),
  );
  const outcomes = await Promise.allSettled(calls);
  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  // Ten scaled minutes at least: the limiter, not the deadline, paced the batch.
  expect(Date.now() - started).toBeGreaterThanOrEqual((CALLS / LIMITS.perMinute - 1) * LIMITS.perMinuteWindowMs);
  const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!;
  expect(stats).toMatchObject({ total: CALLS, ok: CALLS, rateLimited: 0, overQps: 0, overPerMinute: 0 });
}, 30_000);

it('queueTimeoutMs bounds the wait: calls still queued then fail unsent with queue-timeout', async () => {
  const calls = Array.from({ length: 300 }, () =>
    client.call('alibaba.item.get', { item_id: '610947572360' }, { queueTimeoutMs: 700 }),
  );
  const outcomes = await Promise.allSettled(calls);
  const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
  // Two scaled minutes fit in 700 ms: the first 100 or 200 go, the rest give up unsent.
  expect(failed.length).toBeGreaterThanOrEqual(100);
  expect(failed.length).toBeLessThanOrEqual(200);
  for (const error of failed) {
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('queue-timeout');
  }
  expect(sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey]!.total).toBe(300 - failed.length);
}, 30_000);
