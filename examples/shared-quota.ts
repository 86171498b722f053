/**
 * Several processes, one rate limit: each worker's client takes its slots from a quota kept in Redis,
 * so together they stay within the app's limits however many workers run. The sandbox's own request
 * log then shows that no sliding window ever held more requests than the limit allows.
 *
 *   npx tsx examples/shared-quota.ts [workers] [callsPerWorker] [itemId]
 *
 * Needs Redis (OPEN1688_REDIS_URL, default redis://127.0.0.1:6379); without one it says so and exits 0
 * (1 when CI=true, where a skipped check would hide a failure).
 *
 * Against the sandbox the windows are scaled down (4 calls per 250 ms and 10 per second instead of
 * 10 per second and 100 per minute) and the sandbox enforces the same ones. The quota's log lives in
 * Redis and is timed by the Redis server's clock, so a worker's `close()` returns as soon as its calls
 * end: its slots come back by themselves one window after each call, even if the worker is killed.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { LimitsOptions } from 'open1688';
import { countWindowViolations, maxInSlidingWindow } from 'open1688/limiter';
import { SANDBOX_DEFAULTS, startSandbox } from 'open1688/sandbox';
import { hasCredentials, sandboxEnv } from './gateway';
import type { WorkerJob, WorkerMessage } from './shared-quota-worker';

const SCALED = { qps: 4, qpsWindowMs: 250, perMinute: 10, perMinuteWindowMs: 1000 };
const REAL = { qps: 10, qpsWindowMs: 1000, perMinute: 100, perMinuteWindowMs: 60_000 };

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** The limiter's keys of this run (ours and Bottleneck's all contain the quota's id). */
async function deleteKeys(url: string, id: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `*${id}*`, count: 1000 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

interface WorkerResult {
  sent: number;
  requestTimesMs: number[];
  closeMs: number;
}

function startWorker(
  env: NodeJS.ProcessEnv,
  job: WorkerJob,
): { child: ChildProcess; ready: Promise<void>; done: Promise<WorkerResult> } {
  // fork reuses this process's node flags, tsx's loader included.
  const child = fork(join(__dirname, 'shared-quota-worker.ts'), [], { env });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<WorkerResult>((resolve, reject) => {
    let result: WorkerResult | undefined;
    let failure: string | undefined;
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') markReady();
      else if (message.type === 'done') result = message;
      else failure = message.error;
    });
    child.on('exit', (code, signal) => {
      if (failure !== undefined || code !== 0 || result === undefined) {
        reject(new Error(`worker ${child.pid} failed (${failure ?? `exit ${code ?? signal}`})`));
      } else resolve(result);
    });
  });
  child.send(job);
  return { child, ready, done };
}

async function main(): Promise<void> {
  const workerCount = Number(process.argv[2] ?? 3);
  const calls = Number(process.argv[3] ?? 6);
  assert.ok(Number.isInteger(workerCount) && workerCount >= 1, 'workers must be a whole number of at least 1');
  assert.ok(Number.isInteger(calls) && calls >= 1, 'callsPerWorker must be a whole number of at least 1');
  const redisUrl = process.env.OPEN1688_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl))) {
    const ci = process.env.CI === 'true';
    const what = ci ? 'failed (CI=true)' : 'skipped';
    console.log(
      `shared-quota: ${what}: no Redis answers at ${redisUrl} (start redis-server or set OPEN1688_REDIS_URL)`,
    );
    process.exitCode = ci ? 1 : 0;
    return;
  }

  const real = hasCredentials();
  const windows = real ? REAL : SCALED;
  const sandbox = real ? undefined : await startSandbox({ limits: windows });
  const id = `example-${process.pid}-${Date.now()}`;
  const limits: LimitsOptions = { ...windows, redis: redisUrl, id };
  const env = { ...process.env, ...(sandbox ? sandboxEnv(sandbox) : {}) };
  const job: WorkerJob = { limits, calls, itemId: process.argv[4] ?? '610947572360' };
  const workers = Array.from({ length: workerCount }, () => startWorker(env, job));
  // A worker that hangs must not hang the example.
  const timer = setTimeout(() => workers.forEach((w) => w.child.kill()), real ? 180_000 : 30_000);
  try {
    console.log(
      `${workerCount} workers × ${calls} calls to ${sandbox ? `the sandbox at ${sandbox.url}` : 'the gateway from OPEN1688_*'}`,
    );
    console.log(
      `one quota in Redis (${redisUrl}, id ${id}): ${windows.qps} per ${windows.qpsWindowMs} ms, ` +
        `${windows.perMinute} per ${windows.perMinuteWindowMs} ms` +
        (real ? '' : ' (windows scaled down)'),
    );
    await Promise.all(workers.map((w) => w.ready));
    const started = performance.now();
    for (const worker of workers) worker.child.send('go');
    const results = await Promise.all(workers.map((w) => w.done));
    const seconds = (performance.now() - started) / 1000;

    // Every process's request times, judged together (one host, one clock).
    const times = results.flatMap((r) => r.requestTimesMs);
    const busiest =
      `busiest windows ${maxInSlidingWindow(times, windows.qpsWindowMs)}/${windows.qps} and ` +
      `${maxInSlidingWindow(times, windows.perMinuteWindowMs)}/${windows.perMinute}`;
    console.log(`workers: ${results.map((r) => r.sent).join(' + ')} = ${times.length} requests, ${busiest}`);
    console.log(
      `done in ${seconds.toFixed(1)} s (closing took up to ${(Math.max(...results.map((r) => r.closeMs)) / 1000).toFixed(1)} s)`,
    );
    assert.equal(times.length, workerCount * calls, 'every call was sent once');
    assert.equal(countWindowViolations(times, windows.qpsWindowMs, windows.qps), 0);
    assert.equal(countWindowViolations(times, windows.perMinuteWindowMs, windows.perMinute), 0);

    if (sandbox) {
      // The gateway's side of the story: what arrived, and whether any window went over its limit.
      const stats = sandbox.stats().byApp[SANDBOX_DEFAULTS.appKey];
      assert.ok(stats, 'the sandbox saw the demo app');
      console.log(
        `sandbox log: ${stats.total} requests, ${stats.ok} ok, ${stats.rateLimited} refused, busiest windows ` +
          `${stats.maxInQpsWindow}/${windows.qps} and ${stats.maxInMinuteWindow}/${windows.perMinute}, ` +
          `${stats.overQps + stats.overPerMinute} over the limits`,
      );
      assert.equal(stats.total, workerCount * calls);
      assert.equal(stats.ok, stats.total, 'no request was refused');
      assert.equal(stats.overQps, 0);
      assert.equal(stats.overPerMinute, 0);
      assert.ok(stats.maxInQpsWindow <= windows.qps && stats.maxInMinuteWindow <= windows.perMinute);
    }
  } finally {
    clearTimeout(timer);
    await sandbox?.close();
    await deleteKeys(redisUrl, id);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
