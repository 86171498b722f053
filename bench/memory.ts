/**
 * Memory of a long crawl: the paging engine of `client.iterateShopItems` (`client.paginate` with the
 * shop page mapper, because iterateShopItems itself stops at the 1 900 items a real shop listing
 * serves) over a 100 000-item sandbox shop (limits off, pageSize 100, so 1 000 pages). RSS is sampled every 50 ms; the figure is the peak growth over the
 * RSS before the crawl (target < 50 MB), with the V8 heap at its peak and after a full GC at the end.
 * For scale, the same pages are also fetched with a raw axios GET, parsed and dropped. Each crawl runs
 * in a fresh child process (a crawl's heap must not be the next one's baseline), and the sandbox in
 * yet another, so that its memory is not the client's. Children need `node --expose-gc`.
 * Run: npm run bench:memory
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import axios from 'axios';
import { OpenClient } from '../src/client';
import { beijingTimestamp, signTop } from '../src/index';
import { shopPageFromPayload } from '../src/methods/search-shop-items';
import { SANDBOX_DEFAULTS } from '../src/sandbox/index';
import { emit, printTable, type PartResult, type Table } from './emit';
import { startSandboxProcess } from './sandbox-process';

const SHOP = 'bench-shop-100k';
const SIZE = 100_000;
const PAGE_SIZE = 100;
const PAGES_AHEAD = 2; // iterateShopItems' default concurrency; the raw crawl keeps as many in flight
const SAMPLE_MS = 50;
const TARGET_MB = 50;

const mb = (bytes: number) => bytes / 2 ** 20;

type CrawlerName = 'open1688' | 'raw';

interface CrawlResult {
  crawler: CrawlerName;
  items: number;
  pages: number;
  seconds: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  peak: { rss: number; heapUsed: number; heapTotal: number; external: number };
}

interface Crawler {
  /** Runs before the baseline: loads the code and warms the connection with one page. */
  warm(): Promise<void>;
  /** The crawl; returns items and pages seen. */
  crawl(): Promise<{ items: number; pages: number }>;
  close(): Promise<void>;
}

function open1688Crawler(topUrl: string): Crawler {
  const client = new OpenClient({
    dialect: 'top',
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    baseUrl: topUrl,
    limits: false,
  });
  return {
    warm: async () => void (await client.searchShopItems({ sellerNick: SHOP, pageSize: PAGE_SIZE })),
    crawl: async () => {
      let items = 0;
      let pages = 0;
      const read = (payload: unknown) => shopPageFromPayload('top', 'item_search_shop', payload);
      for await (const item of client.paginate(
        'item_search_shop',
        { seller_nick: SHOP, page_size: String(PAGE_SIZE) },
        {
          pageParam: 'page',
          pageSize: PAGE_SIZE,
          read,
          idOf: (i) => i.id,
          concurrency: PAGES_AHEAD,
          onProgress: (p) => (pages = p.pages),
        },
      )) {
        if (!item.id) throw new Error('an item without an id');
        items++;
      }
      return { items, pages };
    },
    close: () => client.close(),
  };
}

function rawCrawler(topUrl: string): Crawler {
  const agent = new http.Agent({ keepAlive: true });
  const raw = axios.create({ httpAgent: agent });
  const page = async (n: number): Promise<number> => {
    const params: Record<string, string> = {
      method: 'item_search_shop',
      app_key: SANDBOX_DEFAULTS.appKey,
      timestamp: beijingTimestamp(),
      format: 'json',
      v: '2.0',
      sign_method: 'md5',
      seller_nick: SHOP,
      page: String(n),
      page_size: String(PAGE_SIZE),
    };
    params.sign = signTop(params, SANDBOX_DEFAULTS.appSecret, 'md5');
    // The sandbox answers item_search_shop unwrapped, as seed 003 prints it.
    const response = await raw.get<{ items?: { item?: unknown[] } }>(
      `${topUrl}?${new URLSearchParams(params).toString()}`,
    );
    return response.data.items?.item?.length ?? 0;
  };
  return {
    warm: async () => void (await page(1)),
    crawl: async () => {
      const pageCount = SIZE / PAGE_SIZE;
      let items = 0;
      let next = 1;
      const worker = async () => {
        while (next <= pageCount) {
          // Not `items += await …`: that reads `items` before the await and loses the other worker's pages.
          const count = await page(next++);
          items += count;
        }
      };
      await Promise.all(Array.from({ length: PAGES_AHEAD }, worker));
      return { items, pages: pageCount };
    },
    close: async () => agent.destroy(),
  };
}

function collect(): void {
  // Twice: the first pass can leave objects that only a second one frees (weak callbacks, finalizers).
  global.gc?.();
  global.gc?.();
}

/** One crawl in this (child) process. */
async function crawlHere(crawler: CrawlerName, topUrl: string): Promise<CrawlResult> {
  const c = crawler === 'open1688' ? open1688Crawler(topUrl) : rawCrawler(topUrl);
  await c.warm();
  collect();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heapUsed: before.heapUsed, heapTotal: before.heapTotal, external: before.external };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, now.heapTotal);
    peak.external = Math.max(peak.external, now.external);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const started = performance.now();
  const { items, pages } = await c.crawl();
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(sampler);
  collect();
  const after = process.memoryUsage();
  await c.close();
  if (items !== SIZE) throw new Error(`${crawler}: the crawl yielded ${items} items, the shop has ${SIZE}`);
  return { crawler, items, pages, seconds, before, after, peak };
}

function crawlInChild(crawler: CrawlerName, topUrl: string): Promise<CrawlResult> {
  const child = fork(__filename, ['--child', crawler, topUrl], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, BENCH_RESULT_FILE: '' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as CrawlResult));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the ${crawler} crawl exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess({
    limits: false,
    logLimit: 1_000,
    shops: [{ sellerNick: SHOP, size: SIZE }],
  });
  const results: CrawlResult[] = [];
  try {
    for (const crawler of ['open1688', 'raw'] as const) results.push(await crawlInChild(crawler, sandbox.urls.top));
  } finally {
    await sandbox.close();
  }
  const names: Record<CrawlerName, string> = {
    open1688: 'open1688 iterateShopItems',
    raw: 'raw axios GET, JSON parsed, dropped',
  };
  const table: Table = {
    title: `Memory: a ${SIZE.toLocaleString('en-US')}-item shop, pageSize ${PAGE_SIZE}, ${PAGES_AHEAD} pages ahead`,
    header: [
      'crawler',
      'items',
      'seconds',
      'RSS before',
      'peak RSS growth',
      'peak heap used / total',
      'heap before',
      'heap after GC',
    ],
    rows: results.map((r) => [
      names[r.crawler],
      r.items.toLocaleString('en-US'),
      r.seconds.toFixed(1),
      `${mb(r.before.rss).toFixed(1)} MB`,
      `${mb(r.peak.rss - r.before.rss).toFixed(1)} MB`,
      `${mb(r.peak.heapUsed).toFixed(1)} / ${mb(r.peak.heapTotal).toFixed(1)} MB`,
      `${mb(r.before.heapUsed).toFixed(1)} MB`,
      `${mb(r.after.heapUsed).toFixed(1)} MB`,
    ]),
  };
  printTable(table);
  const ours = results[0] as CrawlResult;
  const growth = mb(ours.peak.rss - ours.before.rss);
  const targets: PartResult['targets'] = [
    {
      what: `iterateShopItems peak RSS growth < ${TARGET_MB} MB`,
      value: `${growth.toFixed(1)} MB`,
      met: growth < TARGET_MB,
    },
  ];
  emit({
    part: 'memory',
    title: 'Memory of a 100 000-item crawl',
    tables: [table],
    notes: [
      `RSS sampled every ${SAMPLE_MS} ms; heap after GC measured after two full collections; each crawl in a fresh process, the sandbox in its own`,
      'peak heap used far above the heap after GC is garbage that V8 had not collected yet, not data kept by the crawl',
    ],
    targets,
    data: results,
  });
}

if (process.argv[2] === '--child') {
  const [crawler, topUrl] = process.argv.slice(3) as [CrawlerName, string];
  crawlHere(crawler, topUrl).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
