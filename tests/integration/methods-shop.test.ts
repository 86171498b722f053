/**
 * searchShopItems and iterateShopItems against the sandbox's 1 900-item shop (seed 003), per dialect.
 * The aop dialect is refused before sending: no public source shows the answer of its shop search.
 */
import { InvalidRequestError, type OpenClient, type ShopCrawlProgress } from '../../src/index';
import { startSandbox, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient, SEED_SHOP, type DialectName } from '../support/sandbox-clients';

const DIALECTS: DialectName[] = ['top', 'onebound'];
let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  // No limits on either side: these tests count requests, methods-shop-limits.test.ts checks the limits.
  sandbox = await startSandbox({ limits: false });
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

function client(dialect: DialectName, extra: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const made1 = sandboxClient(sandbox, dialect, { limits: false, ...extra });
  made.push(made1);
  return made1;
}

describe('searchShopItems through the sandbox', () => {
  it.each(DIALECTS)('%s: a page with its place in the listing', async (dialect) => {
    const page = await client(dialect).searchShopItems({ sellerNick: SEED_SHOP });
    expect(page).toMatchObject({ page: 1, pageSize: 40, pageCount: 48, total: 1900 });
    expect(page.items).toHaveLength(40);
    expect(page.items[0]).toMatchObject({ shopName: '圆形服装店', price: { fen: expect.any(Number) } });
  });

  it.each(DIALECTS)('%s: filters and sorts: price ascending within bounds', async (dialect) => {
    const page = await client(dialect).searchShopItems({
      sellerNick: SEED_SHOP,
      startPrice: '100',
      endPrice: 200.5,
      sort: 'price',
      pageSize: 100,
    });
    expect(page.items.length).toBeGreaterThan(0);
    const fen = page.items.map((i) => i.price.fen);
    expect(fen).toEqual([...fen].sort((a, b) => a - b));
    expect(Math.min(...fen)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...fen)).toBeLessThanOrEqual(20_050);
  });

  it('aop: refused before sending, saying that no public source shows the answer', async () => {
    sandbox.reset();
    const c = client('aop');
    await expect(c.searchShopItems({ sellerNick: SEED_SHOP })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(c.searchShopItems({ sellerNick: SEED_SHOP })).rejects.toThrow(/no public source shows the answer/);
    expect(() => c.iterateShopItems({ sellerNick: SEED_SHOP })).toThrow(/no public source shows the answer/);
    expect(sandbox.log).toHaveLength(0);
  });

  it('onebound: a search with no match is 2000 in the sandbox (seed 000) and an empty page here', async () => {
    sandbox.reset();
    const page = await client('onebound').searchShopItems({ sellerNick: SEED_SHOP, q: '没有这种商品' });
    expect(page).toEqual({ items: [], page: 1, pageSize: 40, pageCount: 0, total: 0 });
    expect(sandbox.log.map((e) => e.code)).toEqual(['2000']);
    const none: unknown[] = [];
    for await (const item of client('onebound').iterateShopItems({ sellerNick: SEED_SHOP, q: '没有这种商品' })) {
      none.push(item);
    }
    expect(none).toEqual([]);
  });

  it('invalid parameters fail before any request reaches the sandbox', async () => {
    sandbox.reset();
    const bad: unknown[] = [
      { sellerNick: '' },
      { sellerNick: SEED_SHOP, pageSize: 500 },
      { sellerNick: SEED_SHOP, sort: 'cheap' },
      { sellerNick: SEED_SHOP, startPrice: -1 },
      { sellerNick: SEED_SHOP, endPrice: '-3' },
      { sellerNick: SEED_SHOP, startPrice: 20, endPrice: 10 },
    ];
    for (const dialect of [...DIALECTS, 'aop'] as const) {
      const c = client(dialect);
      for (const params of bad) {
        await expect(c.searchShopItems(params as never)).rejects.toBeInstanceOf(InvalidRequestError);
        expect(() => c.iterateShopItems(params as never)).toThrow(InvalidRequestError);
      }
    }
    expect(sandbox.log).toHaveLength(0);
  });
});

describe('iterateShopItems through the sandbox', () => {
  it.each([
    ['top', 40, 48],
    ['onebound', 100, 19],
    ['onebound', 40, 48],
    ['top', 100, 19],
  ] as const)('%s at pageSize %i: 1 900 distinct items in %i pages', async (dialect, pageSize, pages) => {
    sandbox.reset();
    let progress: ShopCrawlProgress | undefined;
    let worst = 0;
    let started = 0;
    const c = client(dialect, {
      hooks: {
        beforeRequest: () => {
          started += 1;
          // Requests so far minus pages fully yielded: what the crawl holds (in flight or buffered).
          worst = Math.max(worst, started - (progress === undefined ? 0 : progress.pages - 1));
        },
      },
    });
    const ids = new Set<string>();
    let count = 0;
    for await (const item of c.iterateShopItems(
      { sellerNick: SEED_SHOP, pageSize },
      // A given depth: the default follows the first page's latency on this machine (prefetch-depth.ts).
      { concurrency: 2, onProgress: (p) => (progress = p) },
    )) {
      ids.add(item.id);
      count += 1;
    }
    expect(count).toBe(1900);
    expect(ids.size).toBe(1900);
    expect(progress).toMatchObject({ pages, pageCount: pages, items: 1900, total: 1900 });
    expect(sandbox.log.filter((e) => e.outcome === 'ok')).toHaveLength(pages);
    expect(sandbox.log).toHaveLength(pages);
    expect(worst).toBeLessThanOrEqual(3); // concurrency 2, + the page being yielded
  });

  it.each(DIALECTS)('%s: break after the first item: one request in the sandbox log', async (dialect) => {
    sandbox.reset();
    const c = client(dialect);
    for await (const item of c.iterateShopItems({ sellerNick: SEED_SHOP })) {
      expect(item.id).toMatch(/^\d+$/);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sandbox.log).toHaveLength(1);
  });

  it('an AbortSignal stops the crawl; no request starts after it', async () => {
    sandbox.reset();
    const controller = new AbortController();
    // Counted where the client starts an attempt: one sent just before the abort may still reach the
    // sandbox's log afterwards, which says nothing about what started after it.
    let startedAfterAbort = 0;
    const c = client('top', {
      hooks: { beforeRequest: () => void (controller.signal.aborted && startedAfterAbort++) },
    });
    let seen = 0;
    const crawl = async () => {
      for await (const _item of c.iterateShopItems({ sellerNick: SEED_SHOP }, { signal: controller.signal })) {
        if (++seen === 100) controller.abort();
      }
    };
    await expect(crawl()).rejects.toMatchObject({ code: 'ABORT_ERR' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(startedAfterAbort).toBe(0);
    expect(sandbox.log.length).toBeLessThanOrEqual(5); // the pages read (2) and those fetched ahead
  });
});
