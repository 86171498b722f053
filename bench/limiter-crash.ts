/**
 * Part of bench:limiter: one quota shared through Redis by three processes (tests/support/quota-worker.ts)
 * calling the sandbox, once undisturbed and once with one of them SIGKILLed mid-burst while it holds
 * the unit of a call still running (answered, not yet finished). Judged by
 * the sandbox's log: requests sent, violations of both windows and utilisation, side by side: a kill
 * that cost units would show as fewer requests and a lower utilisation than the undisturbed run.
 * Scaled windows (10 per 1 s, 25 per 3 s) and a 500 ms lease keep it to seconds. Needs Redis (OPEN1688_REDIS_URL, default 127.0.0.1:6379).
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { startSandbox } from '../src/sandbox/index';
import { DEMO } from '../tests/integration/sandbox/http';
import { startQuotaWorker } from '../tests/support/quota-workers';
import { redisAnswers } from '../tests/support/redis-probe';
import type { Table } from './emit';
import { judge, windowsTable, type WindowsRow } from './limiter-table';

const QPS = { limit: 10, windowMs: 1000 };
const MINUTE = { limit: 25, windowMs: 3000 };
const LIMITS = {
  qps: QPS.limit,
  qpsWindowMs: QPS.windowMs,
  perMinute: MINUTE.limit,
  perMinuteWindowMs: MINUTE.windowMs,
};
const RUN_MS = 7000;
const KILL_AFTER = 15; // requests at the sandbox
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.timeOrigin + performance.now();

async function measure(redis: string, kill: boolean): Promise<WindowsRow> {
  const sandbox = await startSandbox({ limits: { ...LIMITS } });
  const id = `bench-crash-${process.pid}-${Date.now()}`;
  const job = { url: sandbox.urls.top, redis, id, limits: { ...LIMITS, redisLeaseMs: 500 }, callers: 10 };
  const workers = [startQuotaWorker(job), startQuotaWorker(job), startQuotaWorker(job)];
  try {
    await Promise.all(workers.map((w) => w.ready));
    const started = now();
    workers.forEach((w) => w.go());
    if (kill) {
      while (sandbox.log.length < KILL_AFTER) await sleep(10);
      await workers[0]?.hold();
      workers[0]?.child.kill('SIGKILL');
    }
    await sleep(RUN_MS - (now() - started));
    workers.forEach((w) => w.stop());
    await Promise.all(workers.map((w) => w.done));
    const arrivals = sandbox.log
      .filter((e) => e.appKey === DEMO.appKey)
      .map((e) => e.arrivalMs)
      .sort((a, b) => a - b);
    const name = kill ? 'open1688, 3 processes via Redis, 1 SIGKILLed' : 'open1688, 3 processes via Redis';
    return judge(name, arrivals, QPS, MINUTE);
  } finally {
    workers.forEach((w) => w.child.kill('SIGKILL'));
    await sandbox.close();
    const client = new Redis(redis);
    const keys = await client.keys(`*${id}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  }
}

/** The crash table, or only a note when no Redis answers. */
export async function crashTable(): Promise<{
  table?: Table;
  notes: string[];
  data?: { rows: WindowsRow[]; violations: number };
}> {
  const redis = process.env.OPEN1688_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redis))) {
    return { notes: [`shared-quota rows skipped: no Redis answers at ${redis} (set OPEN1688_REDIS_URL)`] };
  }
  const rows = [await measure(redis, false), await measure(redis, true)];
  const title = `Limiter: one quota shared through Redis by 3 processes for ${RUN_MS / 1000} s, limits ${QPS.limit}/${QPS.windowMs} ms and ${MINUTE.limit}/${MINUTE.windowMs} ms`;
  const table = windowsTable(title, rows, QPS, MINUTE);
  return {
    table,
    notes: [
      'SIGKILLed: one of the three processes dies after the 15th request, holding units of calls still running; they come back one lease (500 ms here) after its last renewal, by the Redis clock',
    ],
    data: { rows, violations: rows.reduce((sum, r) => sum + r.violations, 0) },
  };
}
