/**
 * iterateShopItems over a MethodHost backed by the sandbox's catalogue in process (the HTTP path is
 * covered by the integration tests): ordering, dedupe, prefetch bounds, break and abort.
 */
import type { RequestOptions } from '../../../src/call-options';
import type { MethodHost } from '../../../src/methods/host';
import type { CrawlRate } from '../../../src/methods/prefetch-depth';
import { iterateShopItems, type ShopCrawlProgress } from '../../../src/methods/iterate-shop-items';
import { Catalogue } from '../../../src/sandbox/catalogue';
import { OpenApiError } from '../../../src/index';

const SHOP = 'b2b-2200733087881719de';

interface FakeHost extends MethodHost {
  started: number;
  inFlight: number;
  maxInFlight: number;
  signals: AbortSignal[];
  /** Progress seen by the test when each call started. */
  onStart?: () => void;
}

/** A TOP host whose pages come from the catalogue after `delayMs`; `shift` moves every page back by n items. */
function fakeHost(options: { delayMs?: number; shift?: number; crawlRate?: CrawlRate } = {}): FakeHost {
  const shop = new Catalogue(1688).shop(SHOP)!;
  const host: FakeHost = {
    dialect: 'top',
    scopeFor: async () => undefined,
    crawlRate: options.crawlRate,
    lang: undefined,
    responseCache: undefined,
    started: 0,
    inFlight: 0,
    maxInFlight: 0,
    signals: [],
    async call(_api: string, params: Readonly<Record<string, unknown>>, ro: RequestOptions) {
      host.started += 1;
      host.onStart?.();
      host.inFlight += 1;
      host.maxInFlight = Math.max(host.maxInFlight, host.inFlight);
      if (ro.signal) host.signals.push(ro.signal);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 2));
        if (ro.signal?.aborted) throw new OpenApiError({ message: 'aborted', code: 'ABORT_ERR' });
        const page = Number(params.page);
        const pageSize = Number(params.page_size);
        const listing = shop.search({ page, pageSize });
        if (options.shift && page > 1) {
          // The listing moved: this page starts `shift` items earlier (items repeat across pages).
          const from = (page - 1) * pageSize - options.shift;
          listing.item = Array.from({ length: pageSize }, (_, k) => shop.listItem(shop.entryAt(from + k)));
        }
        // Ids as the transport hands them over: strings, exact above 2^53.
        return { items: { ...listing, item: listing.item.map((i) => ({ ...i, num_iid: String(i.num_iid) })) } };
      } finally {
        host.inFlight -= 1;
      }
    },
  };
  return host;
}

describe('iterateShopItems (in process)', () => {
  it.each([
    [40, 48],
    [100, 19],
  ])('pageSize %i: 1 900 distinct items in %i pages, in page order', async (pageSize, pages) => {
    const host = fakeHost();
    const ids: string[] = [];
    let last: ShopCrawlProgress | undefined;
    for await (const item of iterateShopItems(
      host,
      { sellerNick: SHOP, pageSize },
      { onProgress: (p) => (last = p) },
    )) {
      ids.push(item.id);
    }
    expect(ids).toHaveLength(1900);
    expect(new Set(ids).size).toBe(1900);
    expect(host.started).toBe(pages);
    expect(last).toMatchObject({ pages, pageCount: pages, items: 1900, total: 1900 });
    // Page order: the catalogue's natural order is by index, whose 14th item has an id above 2^53.
    expect(BigInt(ids[13]!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it.each([1, 2, 4])(
    'concurrency %i: pages really are fetched ahead, never more than concurrency + 1 held',
    async (c) => {
      const host = fakeHost({ delayMs: 3 });
      let progress: ShopCrawlProgress | undefined;
      let worst = 0;
      host.onStart = () => {
        // Requested so far minus pages already fully yielded (all but the one being yielded).
        const done = progress === undefined ? 0 : progress.pages - 1;
        worst = Math.max(worst, host.started - done);
      };
      let count = 0;
      const iterator = iterateShopItems(
        host,
        { sellerNick: SHOP, pageSize: 100 },
        { concurrency: c, onProgress: (p) => (progress = p) },
      );
      for await (const _item of iterator) {
        count += 1;
        if (count % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 4)); // a slow consumer
      }
      expect(count).toBe(1900);
      expect(worst).toBeLessThanOrEqual(c + 1);
      expect(host.maxInFlight).toBe(c);
    },
  );

  // The depth from the rate and the first page's latency (prefetch-depth.ts): 6 at once at 10/s
  // decides below 500 ms; at 1 000 calls/s any latency above 15 ms asks for more than 16 pages, so
  // the cap decides; without a rate, 2.
  it.each([
    [{ callsPerSecond: 10, burst: 6 }, 6],
    [{ callsPerSecond: 1_000, burst: 1 }, 16],
    [undefined, 2],
  ])('without a concurrency option, at %j: %i pages in flight at most', async (crawlRate, depth) => {
    const host = fakeHost({ delayMs: 20, crawlRate });
    let count = 0;
    for await (const _item of iterateShopItems(host, { sellerNick: SHOP, pageSize: 40 })) count += 1;
    expect(count).toBe(1900);
    expect(host.maxInFlight).toBe(depth);
  });

  it('yields each item once when the listing shifts between pages', async () => {
    const host = fakeHost({ shift: 7 });
    const ids: string[] = [];
    for await (const item of iterateShopItems(host, { sellerNick: SHOP, pageSize: 100 })) ids.push(item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(1900 - 7); // the last 7 items fell off the end
  });

  it('break after the first item: one request, nothing left in flight', async () => {
    const host = fakeHost();
    for await (const item of iterateShopItems(host, { sellerNick: SHOP })) {
      expect(item.id).toMatch(/^\d+$/);
      break;
    }
    expect(host.started).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(host.started).toBe(1);
  });

  it('break in the middle cancels the pages fetched ahead', async () => {
    const host = fakeHost({ delayMs: 20 });
    let seen = 0;
    for await (const _item of iterateShopItems(host, { sellerNick: SHOP, pageSize: 40 }, { concurrency: 3 })) {
      if (++seen === 41) break; // the first item of page 2, pages 3-5 requested
    }
    const started = host.started;
    expect(started).toBeLessThanOrEqual(5);
    expect(host.signals.slice(1).every((s) => s.aborted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(host.started).toBe(started);
  });

  it('an AbortSignal stops the crawl with the abort error', async () => {
    const host = fakeHost({ delayMs: 5 });
    const controller = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const _item of iterateShopItems(host, { sellerNick: SHOP }, { signal: controller.signal })) {
        if (++seen === 60) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'ABORT_ERR' });
    expect(seen).toBe(60);
    const started = host.started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.started).toBe(started);
  });

  it('rejects bad parameters before the first request, when the iterator is made', () => {
    const host = fakeHost();
    expect(() => iterateShopItems(host, { sellerNick: SHOP, pageSize: 500 })).toThrow(/pageSize/);
    expect(() => iterateShopItems(host, { sellerNick: SHOP }, { concurrency: 0 })).toThrow(/concurrency/);
    expect(host.started).toBe(0);
  });
});
