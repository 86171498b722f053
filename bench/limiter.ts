/**
 * Rate limiters under one burst, side by side: each contender gets its own loopback server that logs
 * the arrival of every request (high resolution), and the same burst (50 concurrent callers, 36 calls)
 * started 700 ms into the contender's life, i.e. late in a would-be fixed window. The windows are
 * scaled down so that the run takes seconds: "qps" 5 per 1 s, "per minute" 12 per 3 s.
 * Printed per contender: requests sent, the fullest window of each length, violations (requests that
 * found their window already full, both windows), utilisation (sent over what a perfect sliding-window
 * limiter sends in the same span). Two clients of one app key share one quota; two separate quotas for
 * one key (what each client had before) show what sharing prevents. Then limiter-crash.ts: three
 * processes sharing one quota through Redis, one SIGKILLed mid-burst. Run: npm run bench:limiter
 */
import Bottleneck from 'bottleneck';
import { createScheduler, type CallScheduler } from '../src/limiter/index';
import { crashTable } from './limiter-crash';
import { hit, startArrivalServer } from '../tests/support/arrival-server';
import { emit, printTable } from './emit';
import { judge, windowsTable } from './limiter-table';

// p-throttle lives in bench/package.json only (`npm install --prefix bench`), so it is loaded at run
// time with a minimal local type: the SDK's type-check must not depend on the bench's peers.
type PThrottle = (options: {
  limit: number;
  interval: number;
  strict?: boolean;
}) => <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => Promise<Awaited<R>>;
let pThrottle: PThrottle;

const QPS = { limit: 5, windowMs: 1000 };
const MINUTE = { limit: 12, windowMs: 3000 };
const CALLERS = 50;
const CALLS = 36;
const OFFSET_MS = 700;

interface Contender {
  name: string;
  /** Builds the limiter; returns how to run one call through it, and how to release it. */
  make: () => { run: (call: () => Promise<void>) => Promise<void>; close: () => Promise<void> };
}

const LIMITS = {
  qps: QPS.limit,
  qpsWindowMs: QPS.windowMs,
  perMinute: MINUTE.limit,
  perMinuteWindowMs: MINUTE.windowMs,
  maxConcurrent: CALLERS,
};

/** Two clients' schedulers of one app key taking turns; `ids` name their quotas. */
function twoClients(appKey: string, ids: [string, string]): ReturnType<Contender['make']> {
  const [a, b] = ids.map((id) => createScheduler({ appKey, limits: { ...LIMITS, id } }));
  let turn = 0;
  return {
    run: (call) => ((turn++ % 2 === 0 ? a : b) as CallScheduler).schedule(call),
    close: async () => {
      await Promise.all([a?.close(), b?.close()]);
    },
  };
}

const contenders: Contender[] = [
  {
    name: 'open1688 (sliding windows)',
    make: () => {
      const limiter = createScheduler({ appKey: 'bench', limits: LIMITS });
      return { run: (call) => limiter.schedule(call), close: () => limiter.close() };
    },
  },
  // Every client of one app key shares its quota (limiter/registry.ts).
  { name: 'open1688, two clients of one app key', make: () => twoClients('bench-two', ['quota', 'quota']) },
  // What two clients of one key got before: a full quota each.
  { name: 'two separate quotas for one app key', make: () => twoClients('bench-split', ['first', 'second']) },
  {
    name: 'Bottleneck reservoir + refresh',
    make: () => {
      const perMinute = new Bottleneck({
        reservoir: MINUTE.limit,
        reservoirRefreshAmount: MINUTE.limit,
        reservoirRefreshInterval: MINUTE.windowMs,
      });
      const perSecond = new Bottleneck({
        reservoir: QPS.limit,
        reservoirRefreshAmount: QPS.limit,
        reservoirRefreshInterval: QPS.windowMs,
      });
      perMinute.chain(perSecond);
      return {
        run: (call) => perMinute.schedule(call),
        close: async () => {
          await perMinute.stop();
          await perSecond.stop();
        },
      };
    },
  },
  ...[false, true].map((strict) => ({
    name: `p-throttle${strict ? ' (strict)' : ''}`,
    make: () => {
      const perMinute = pThrottle({ limit: MINUTE.limit, interval: MINUTE.windowMs, strict });
      const perSecond = pThrottle({ limit: QPS.limit, interval: QPS.windowMs, strict });
      const throttled = perMinute(perSecond((call: () => Promise<void>) => call()));
      return { run: (call: () => Promise<void>) => throttled(call), close: async () => {} };
    },
  })),
];

async function measure(contender: Contender) {
  const server = await startArrivalServer();
  const limiter = contender.make();
  await new Promise((resolve) => setTimeout(resolve, OFFSET_MS));
  let left = CALLS;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (left > 0) {
        left--;
        await limiter.run(() => hit(server.url));
      }
    }),
  );
  await limiter.close();
  await server.close();
  return { row: judge(contender.name, server.arrivals, QPS, MINUTE), arrivals: server.arrivals };
}

async function main(): Promise<void> {
  const peer = 'p-throttle';
  try {
    pThrottle = ((await import(peer)) as { default: PThrottle }).default;
  } catch {
    console.error('p-throttle is missing: run `npm install --prefix bench` first.');
    process.exit(1);
  }
  // All at once, each against its own server: same burst, same machine state.
  const measured = await Promise.all(contenders.map(measure));
  const rows = measured.map((m) => m.row);
  console.log(
    `burst: ${CALLERS} concurrent callers, ${CALLS} calls; limits ${QPS.limit}/${QPS.windowMs} ms and ` +
      `${MINUTE.limit}/${MINUTE.windowMs} ms (scaled-down "qps" and "per minute")`,
  );
  // The same table for run-all (results.json, RESULTS.md) through emit.ts.
  const table = windowsTable(
    `Limiter: one burst of ${CALLS} calls from ${CALLERS} callers, limits ${QPS.limit}/${QPS.windowMs} ms and ${MINUTE.limit}/${MINUTE.windowMs} ms`,
    rows,
    QPS,
    MINUTE,
  );
  printTable(table);
  const crash = await crashTable();
  if (crash.table) printTable(crash.table);
  const ours = rows.filter((r) => r.name.startsWith('open1688'));
  const violations = ours.reduce((sum, r) => sum + r.violations, 0) + (crash.data?.violations ?? 0);
  emit({
    part: 'limiter',
    title: 'Rate limiters under one burst',
    tables: crash.table ? [table, crash.table] : [table],
    notes: [
      'violations: requests that found their sliding window already full (both windows counted)',
      'utilisation: sent over what a perfect sliding-window limiter sends in the same span; above 100% means more than the limits allow',
      ...crash.notes,
    ],
    targets: [{ what: 'open1688: no window violations', value: String(violations), met: violations === 0 }],
    // The arrival times (ms, from each contender's first) feed the windows chart (bench/charts.ts).
    data: {
      burst: rows,
      limits: { qps: QPS, minute: MINUTE },
      arrivals: Object.fromEntries(
        measured.map((m) => [m.row.name, m.arrivals.map((t) => Math.round((t - (m.arrivals[0] ?? 0)) * 1000) / 1000)]),
      ),
      crash: crash.data,
    },
  });
}

void main();
