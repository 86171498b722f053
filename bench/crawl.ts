/**
 * A crawl at the limits: seed 003's shop (1 900 items, 48 pages of 40) through a sandbox that keeps
 * the gateway's limits (10 a second, 100 a minute) and answers every request 150 ms late. The
 * physical limit is pages ÷ rate + one latency (48 ÷ 10/s + 0.15 s = 4.95 s): no crawler that stays
 * within the limits can finish sooner. Contenders, each with an app key of its own (so its own
 * windows, at the sandbox as in the client):
 * - `client.iterateShopItems` as it comes: the prefetch depth chosen from the client's rate and the
 *   first page's latency (src/methods/prefetch-depth.ts; target: within 1.05× the physical limit);
 * - the same with `concurrency: 2`, the depth it used before whatever the latency;
 * - a one-page-at-a-time loop as in seed 003's Python (sign, GET, wait for the answer, next page).
 * The sandbox runs in its own process, started once. Run: npm run bench:crawl
 */
import http from 'node:http';
import axios from 'axios';
import { OpenClient } from '../src/client';
import { beijingTimestamp, signTop } from '../src/index';
import { prefetchDepth } from '../src/methods/prefetch-depth';
import { emit, printTable, ratio, type Table } from './emit';
import { startSandboxProcess } from './sandbox-process';

const SHOP = 'b2b-2200733087881719de'; // seed 003's shop: 1 900 items
const ITEMS = 1900;
const PAGE_SIZE = 40; // seed 003's page_size
const PAGES = Math.ceil(ITEMS / PAGE_SIZE);
const QPS = 10;
const PER_MINUTE = 100;
const LATENCY_MS = 150;
const TARGET = 1.05;
/** pages ÷ rate + one latency; 100 a minute does not bind below 100 pages. */
const PHYSICAL_LIMIT_S = PAGES / QPS + LATENCY_MS / 1000;

interface Run {
  name: string;
  seconds: number;
  items: number;
  /** Requests the sandbox received (retries included). */
  requests: number;
  depth: string;
}

interface App {
  appKey: string;
  appSecret: string;
}

/** Crawls the shop as `app`; `maxPages` only for the warm-up. */
type Crawl = (topUrl: string, app: App, maxPages?: number) => Promise<Omit<Run, 'name' | 'seconds'>>;

// One app for the warm-up and one for each contender: the sandbox keeps windows per app key.
const APPS: App[] = [0, 1, 2, 3].map((app) => ({ appKey: `2000000${app}`, appSecret: `crawl-secret-${app}` }));

let quotas = 0;

function client(topUrl: string, app: App, count: () => void): OpenClient {
  return new OpenClient({
    dialect: 'top',
    appKey: app.appKey,
    appSecret: app.appSecret,
    baseUrl: topUrl,
    // A quota of its own: every crawl starts from empty windows, as its app key does at the sandbox.
    limits: { qps: QPS, perMinute: PER_MINUTE, id: `crawl-${++quotas}` },
    hooks: { beforeRequest: count },
  });
}

const iterate =
  (concurrency: number | undefined): Crawl =>
  async (topUrl, app, maxPages) => {
    let requests = 0;
    const c = client(topUrl, app, () => requests++);
    let items = 0;
    try {
      for await (const item of c.iterateShopItems(
        { sellerNick: SHOP, pageSize: PAGE_SIZE },
        { ...(concurrency === undefined ? {} : { concurrency }), ...(maxPages === undefined ? {} : { maxPages }) },
      )) {
        if (item.id) items++;
      }
    } finally {
      await c.close();
    }
    const depth =
      concurrency === undefined
        ? `chosen: max(${QPS} at once, ceil(${QPS}/s × first page's latency) + 1) = ${prefetchDepth({ callsPerSecond: QPS, burst: QPS }, LATENCY_MS)}`
        : String(concurrency);
    return { items, requests, depth };
  };

/** Seed 003's Python, page after page: sign, GET, read the answer, next. */
const pageAtATime: Crawl = async (topUrl, app, maxPages = Number.POSITIVE_INFINITY) => {
  const agent = new http.Agent({ keepAlive: true });
  const raw = axios.create({ httpAgent: agent });
  let items = 0;
  let requests = 0;
  try {
    for (let page = 1, pageCount = 1; page <= Math.min(pageCount, maxPages); page++) {
      const params: Record<string, string> = {
        method: 'item_search_shop',
        app_key: app.appKey,
        timestamp: beijingTimestamp(),
        format: 'json',
        v: '2.0',
        sign_method: 'md5',
        seller_nick: SHOP,
        page: String(page),
        page_size: String(PAGE_SIZE),
      };
      params.sign = signTop(params, app.appSecret, 'md5');
      requests++;
      const response = await raw.get<{ items?: { item?: unknown[]; pagecount?: number | string } }>(
        `${topUrl}?${new URLSearchParams(params).toString()}`,
      );
      items += response.data.items?.item?.length ?? 0;
      pageCount = Number(response.data.items?.pagecount ?? 1);
    }
  } finally {
    agent.destroy();
  }
  return { items, requests, depth: '1' };
};

/**
 * A few pages of each crawler as the warm-up app: the code of both crawls compiled, and the fresh
 * sandbox's first (slow) answers given, so that the timed crawls measure crawling.
 */
async function warmUp(topUrl: string): Promise<void> {
  const app = APPS[0] as App;
  await iterate(undefined)(topUrl, app, 4);
  await pageAtATime(topUrl, app, 4);
}

async function measure(topUrl: string, app: App, name: string, crawl: Crawl): Promise<Run> {
  const started = performance.now();
  const result = await crawl(topUrl, app);
  return { name, seconds: (performance.now() - started) / 1000, ...result };
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess({
    apps: APPS,
    limits: { qps: QPS, perMinute: PER_MINUTE },
    faults: [{ kind: 'latency', latencyMs: LATENCY_MS }],
  });
  let runs: Run[];
  try {
    const top = sandbox.urls.top;
    await warmUp(top);
    runs = [
      await measure(top, APPS[1] as App, 'open1688 iterateShopItems (depth from rate and latency)', iterate(undefined)),
      await measure(top, APPS[2] as App, 'open1688 iterateShopItems, concurrency 2', iterate(2)),
      await measure(top, APPS[3] as App, "one page at a time (seed 003's Python loop)", pageAtATime),
    ];
  } finally {
    await sandbox.close();
  }
  for (const r of runs) {
    if (r.items !== ITEMS) throw new Error(`${r.name}: ${r.items} items, expected ${ITEMS}`);
  }
  const table: Table = {
    title: `Crawl at the limits: ${ITEMS} items (${PAGES} pages of ${PAGE_SIZE}), ${QPS}/s and ${PER_MINUTE}/min, ${LATENCY_MS} ms gateway latency; physical limit ${PHYSICAL_LIMIT_S.toFixed(2)} s`,
    header: ['crawler', 'pages in flight', 'seconds', 'vs physical limit', 'pages/s', 'requests'],
    rows: runs.map((r) => [
      r.name,
      r.depth,
      r.seconds.toFixed(2),
      ratio(r.seconds / PHYSICAL_LIMIT_S),
      (PAGES / r.seconds).toFixed(1),
      String(r.requests),
    ]),
  };
  printTable(table);
  const ours = runs[0] as Run;
  const vsLimit = ours.seconds / PHYSICAL_LIMIT_S;
  emit({
    part: 'crawl',
    title: 'A shop crawl at the limits',
    tables: [table],
    notes: [
      `physical limit: pages ÷ rate + one latency = ${PAGES} ÷ ${QPS}/s + ${LATENCY_MS / 1000} s (${PER_MINUTE}/min does not bind below ${PER_MINUTE} pages)`,
      `the client's limiter counts a call from its admission until one window after its answer (correct whatever the latency), so each of the ${QPS} units serves one page per window + round trip: its own floor here is one round trip + ${Math.ceil(PAGES / QPS) - 1} × (1 s + ${LATENCY_MS} ms) + one round trip = ${(LATENCY_MS / 1000 + (Math.ceil(PAGES / QPS) - 1) * (1 + LATENCY_MS / 1000) + LATENCY_MS / 1000).toFixed(2)} s, before any client or gateway overhead`,
      'one sandbox process that adds the latency to every answer; each crawler with an app key of its own (its own windows there and in the client), after a few warm-up pages as yet another; requests: what the client sent, retries included',
    ],
    targets: [
      {
        what: `iterateShopItems within ${TARGET}× the physical limit (${PHYSICAL_LIMIT_S.toFixed(2)} s)`,
        value: `${ours.seconds.toFixed(2)} s, ${ratio(vsLimit)}`,
        met: vsLimit <= TARGET,
      },
    ],
    data: { physicalLimitSeconds: PHYSICAL_LIMIT_S, runs },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
