/**
 * Paging that cannot run away, against a plain gateway that lies (tests/support/plain-gateway.ts,
 * not the sandbox): a listing that claims 100 000 pages but has 80 items, a gateway that ignores the
 * page number, empty pages, a total above the platform's 1 900-item cap, OneBound's 2000.
 * Every test counts the requests that reached the server.
 */
import { InvalidRequestError, NotFoundError, ResponseError, type OpenClient } from '../../src/index';
import { plainClient, plainGateway, type PlainGateway } from '../support/plain-gateway';
import type { Seen } from '../support/loopback';
import { seedBody } from '../seeds/load';

const SHOP = 'b2b-2200733087881719de';
const gateways: PlainGateway[] = [];
const clients: OpenClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

/** One listing entry with the fields of seed 003's example item. */
function entry(n: number) {
  return {
    num_iid: String(600_000_000_000 + n),
    title: `商品 ${n}`,
    pic_url: `https://cbu01.alicdn.com/img/ibank/${n}.jpg`,
    price: 1.5,
    detail_url: `https://item.1688.com/item.htm?id=${600_000_000_000 + n}`,
    shop_name: '圆形服装店',
    shop_url: 'https://shop.1688.com/?shop_id=123456',
  };
}

interface Listing {
  /** Items that really exist. */
  size: number;
  /** What every page claims. */
  claimedTotal: number;
  claimedPages: number;
  /** The gateway ignores `page` and always answers page 1. */
  ignoresPage?: boolean;
}

/** The `items` object of seed 003 for the page a request asks for. */
function itemsFor(seen: Seen, listing: Listing) {
  const pageSize = Number(seen.params.page_size ?? 40);
  const page = listing.ignoresPage ? 1 : Number(seen.params.page ?? 1);
  const from = (page - 1) * pageSize;
  const item = Array.from({ length: Math.max(0, Math.min(pageSize, listing.size - from)) }, (_, k) => entry(from + k));
  return {
    page: String(page),
    real_total_results: listing.claimedTotal,
    total_results: listing.claimedTotal,
    page_size: pageSize,
    pagecount: listing.claimedPages,
    item,
  };
}

/** A TOP gateway answering item_search_shop unwrapped, as seed 003 prints it. */
async function topListing(listing: Listing): Promise<{ gateway: PlainGateway; client: OpenClient }> {
  const gateway = await plainGateway((seen) => ({ body: JSON.stringify({ items: itemsFor(seen, listing) }) }));
  gateways.push(gateway);
  const client = plainClient(gateway, 'top');
  clients.push(client);
  return { gateway, client };
}

async function drain<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

const pagesAsked = (gateway: PlainGateway) => gateway.seen.map((s) => Number(s.params.page));

describe('iterateShopItems against a gateway that lies', () => {
  it('claims 100 000 pages but has 80 items: stops at the first empty page after a couple of requests', async () => {
    const { gateway, client } = await topListing({ size: 80, claimedTotal: 4_000_000, claimedPages: 100_000 });
    const items = await drain(client.iterateShopItems({ sellerNick: SHOP }, { concurrency: 1 }));
    expect(items).toHaveLength(80);
    expect(pagesAsked(gateway)).toEqual([1, 2, 3]);
  });

  it('with pages fetched ahead (concurrency 4) it still costs at most the empty page plus those ahead', async () => {
    const { gateway, client } = await topListing({ size: 80, claimedTotal: 4_000_000, claimedPages: 100_000 });
    const items = await drain(client.iterateShopItems({ sellerNick: SHOP }, { concurrency: 4 }));
    expect(items).toHaveLength(80);
    expect(gateway.seen.length).toBeLessThanOrEqual(7);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(gateway.seen.length).toBeLessThanOrEqual(7);
  });

  it('a truthful total bounds the pages even when pagecount lies: never past ceil(total / pageSize)', async () => {
    const { gateway, client } = await topListing({ size: 80, claimedTotal: 80, claimedPages: 100_000 });
    const items = await drain(client.iterateShopItems({ sellerNick: SHOP }, { concurrency: 3 }));
    expect(items).toHaveLength(80);
    expect(pagesAsked(gateway)).toEqual([1, 2]);
  });

  it('honours the 1 900-item cap: 48 pages at page_size 40, 19 at 100, whatever the total says', async () => {
    const { gateway, client } = await topListing({ size: 5000, claimedTotal: 5000, claimedPages: 125 });
    expect(await drain(client.iterateShopItems({ sellerNick: SHOP }))).toHaveLength(48 * 40);
    expect(Math.max(...pagesAsked(gateway))).toBe(48);
    expect(gateway.seen).toHaveLength(48);
    gateway.seen.length = 0;
    await drain(client.iterateShopItems({ sellerNick: SHOP, pageSize: 100 }));
    expect(gateway.seen).toHaveLength(19);
  });

  it('maxPages bounds the crawl, counted from the first page asked for', async () => {
    const { gateway, client } = await topListing({ size: 1900, claimedTotal: 1900, claimedPages: 48 });
    const items = await drain(client.iterateShopItems({ sellerNick: SHOP, page: 5 }, { maxPages: 3 }));
    expect(items).toHaveLength(120);
    expect(pagesAsked(gateway)).toEqual([5, 6, 7]);
  });

  it('a gateway that ignores the page number: a ResponseError after the first page, not a loop', async () => {
    const { gateway, client } = await topListing({
      size: 1900,
      claimedTotal: 1900,
      claimedPages: 48,
      ignoresPage: true,
    });
    const seen: string[] = [];
    const run = async () => {
      for await (const item of client.iterateShopItems({ sellerNick: SHOP }, { concurrency: 1 })) seen.push(item.id);
    };
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ code: 'page-repeated', apiName: 'item_search_shop', dialect: 'top' });
    expect((error as Error).message).toMatch(/page 2 has the same items as page 1/);
    expect(seen).toHaveLength(40);
    expect(gateway.seen).toHaveLength(2);
  });

  it('an empty first page yields nothing after one request', async () => {
    const { gateway, client } = await topListing({ size: 0, claimedTotal: 1900, claimedPages: 48 });
    expect(await drain(client.iterateShopItems({ sellerNick: SHOP }))).toEqual([]);
    expect(gateway.seen).toHaveLength(1);
  });

  it('maxPages is checked before anything is sent', async () => {
    const { gateway, client } = await topListing({ size: 80, claimedTotal: 80, claimedPages: 2 });
    expect(() => client.iterateShopItems({ sellerNick: SHOP }, { maxPages: 0 })).toThrow(InvalidRequestError);
    expect(() => client.iterateShopItems({ sellerNick: SHOP }, { maxPages: 0 })).toThrow(/maxPages/);
    expect(gateway.seen).toHaveLength(0);
  });
});

describe('OneBound 2000 (seed 000: search success but no result)', () => {
  // Seed 000's 异常示例 as printed (error_code 2000).
  const noResult = () => seedBody('000-item_get_pro-error-2000.json');

  it('ends iterateShopItems cleanly after the pages that had items', async () => {
    const listing: Listing = { size: 60, claimedTotal: 4_000_000, claimedPages: 100_000 };
    const gateway = await plainGateway((seen) => {
      const items = itemsFor(seen, listing);
      if (items.item.length === 0) return { body: noResult() };
      return { body: JSON.stringify({ items, error: '', reason: '', error_code: '0000' }) };
    });
    gateways.push(gateway);
    const client = plainClient(gateway, 'onebound');
    clients.push(client);
    expect(await drain(client.iterateShopItems({ sellerNick: SHOP }, { concurrency: 1 }))).toHaveLength(60);
    expect(pagesAsked(gateway)).toEqual([1, 2, 3]);
    // One page on its own: an empty page, not an error.
    const page = await client.searchShopItems({ sellerNick: SHOP, page: 3 });
    expect(page).toEqual({ items: [], page: 3, pageSize: 40, pageCount: 0, total: 0 });
  });

  it('on an item call it stays NotFoundError, with the server text verbatim', async () => {
    const gateway = await plainGateway(() => ({ body: noResult() }));
    gateways.push(gateway);
    const client = plainClient(gateway, 'onebound');
    clients.push(client);
    const error = await client.getItem('610947572360').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: '2000', serverMessage: '商品没找到' });
  });
});

describe('client.paginate: the same rules for any paged API', () => {
  // A made-up TOP list API: `{ "<name>_response": { "total": n, "list": { "entry": [...] } } }`.
  const API = 'taobao.example.list.get';
  const read = (payload: unknown) => {
    const p = payload as { total: number; list?: { entry?: Array<{ id: string }> } };
    return { items: p.list?.entry ?? [], total: p.total };
  };

  async function lyingList(size: number, claimedTotal: number, ignoresPage = false) {
    const gateway = await plainGateway((seen) => {
      const page = ignoresPage ? 1 : Number(seen.params.page_no);
      const from = (page - 1) * 20;
      const entry = Array.from({ length: Math.max(0, Math.min(20, size - from)) }, (_, k) => ({ id: `e${from + k}` }));
      return { body: JSON.stringify({ example_list_get_response: { total: claimedTotal, list: { entry } } }) };
    });
    gateways.push(gateway);
    const client = plainClient(gateway, 'top');
    clients.push(client);
    return { gateway, client };
  }

  it('claims 2 000 000 items but has 50: three pages with items, one empty, done', async () => {
    const { gateway, client } = await lyingList(50, 2_000_000);
    const items = await drain(client.paginate(API, { page_size: 20 }, { pageParam: 'page_no', read, concurrency: 1 }));
    expect(items.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, k) => `e${k}`));
    expect(gateway.seen.map((s) => s.params.page_no)).toEqual(['1', '2', '3', '4']);
  });

  it('a repeated page is a ResponseError; maxPages bounds it; bad options are refused before sending', async () => {
    const { gateway, client } = await lyingList(1000, 1000, true);
    const run = drain(client.paginate(API, {}, { pageParam: 'page_no', read, idOf: (e) => e.id, concurrency: 1 }));
    await expect(run).rejects.toMatchObject({ name: 'ResponseError', code: 'page-repeated' });
    const requests = gateway.seen.length;
    expect(requests).toBe(2);
    const bounded = await drain(client.paginate(API, {}, { pageParam: 'page_no', read, maxPages: 1 }));
    expect(bounded).toHaveLength(20);
    expect(gateway.seen.length).toBe(requests + 1);
    expect(() => client.paginate(API, {}, { pageParam: '', read })).toThrow(InvalidRequestError);
    expect(() => client.paginate(API, {}, { pageParam: 'page_no', read, maxPages: -1 })).toThrow(/maxPages/);
    expect(() => client.paginate(API, { page_no: 'x' }, { pageParam: 'page_no', read })).toThrow(InvalidRequestError);
    expect(gateway.seen.length).toBe(requests + 1);
  });
});
