/**
 * `client.iterateShopItems(params, options)`: every item of every page of a shop listing, as an
 * async iterator, through `paginate` (paginate.ts) and so under its rules: it stops at the first
 * empty page (and at OneBound's `2000`, "no result"), never asks past the first page's pagecount,
 * ceil(total / pageSize), the platform's cap of 1 900 items (SHOP_LISTING_MAX_ITEMS) or `maxPages`,
 * and ends with a `ResponseError` when a page repeats the one before.
 *
 * - Pages are fetched ahead, at most `concurrency` at a time (default: from the client's rate limit
 *   and the first page's latency, prefetch-depth.ts), each through
 *   `client.call`, so through the client's rate limiter like any other call.
 * - Memory stays bounded: the page being yielded plus at most `concurrency` pages in flight or
 *   waiting, whatever the size of the shop. Only the ids seen are kept for the whole crawl.
 * - Items come in page order, each id once (a listing that shifts between pages repeats items).
 * - Prefetching starts only when the consumer asks for a second item, so a `break` after the first
 *   item costs one request; `break` and the caller's AbortSignal cancel the pages still in flight.
 */
import { z } from 'zod';
import { callOptionsShape, checkOptions } from '../call-options.js';
import type { ShopItem } from '../model/shop-item.js';
import type { CallOptions, MethodHost } from './host.js';
import { requestFor } from './method-request.js';
import { paginate } from './paginate.js';
import { SEARCH_SHOP_ITEMS, shopPageFromPayload, type ShopSearchParams } from './search-shop-items.js';

/**
 * The most items a shop listing serves, whatever its total says. Seed 003's example answer reports
 * `real_total_results: 1900`, `total_results: 1900` and `pagecount: 48` at `page_size: 40`, the
 * ceiling of a listing on the platform: 48 pages at the default page size, 19 at 100.
 */
export const SHOP_LISTING_MAX_ITEMS = 1900;

/** What `onProgress` of `iterateShopItems` receives after each page. */
export interface ShopCrawlProgress {
  /** Pages received so far (in order). */
  pages: number;
  /**
   * The last page the crawl asks for at most: the first page's pagecount, bounded by
   * ceil(total / pageSize), the 1 900-item cap and `maxPages`. An empty page ends the crawl sooner.
   */
  pageCount: number;
  /** Distinct items received so far. */
  items: number;
  /** Items in the listing, as its first page said. */
  total: number;
  /** Pages requested and not yet fully yielded, this one included: never more than concurrency + 1. */
  pending: number;
}

/** Options of `iterateShopItems`: pages fetched ahead, page bound, progress callback, abort signal. */
export interface IterateShopItemsOptions extends Omit<CallOptions, 'signal'> {
  /**
   * Pages fetched ahead at the same time (1–16). Default: from the client's rate limit and the first
   * page's round trip, max(burst, ceil(rate × latency) + 1) within 2–16 (2 with `limits: false`).
   */
  concurrency?: number;
  /** The most pages to fetch, counted from the first (`params.page`, default 1). */
  maxPages?: number;
  /** Called as each page arrives, in page order. */
  onProgress?: (progress: ShopCrawlProgress) => void;
  /** Stops the crawl: the iterator throws the client's abort error and cancels pages in flight. */
  signal?: AbortSignal;
}

// The crawl's own options and, for every page, the per-call options of every typed method.
const IterateOptionsSchema = z
  .object({
    ...callOptionsShape,
    concurrency: z
      .number('must be a whole number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(16, 'must be at most 16')
      .optional(),
    maxPages: z.number('must be a whole number').int('must be a whole number').min(1, 'must be at least 1').optional(),
    onProgress: z
      .custom<(progress: ShopCrawlProgress) => void>((v) => typeof v === 'function', 'must be a function')
      .optional(),
  })
  .strict();

/** Validates at once (a bad parameter throws here, before any request), then crawls lazily. */
export function iterateShopItems(
  host: MethodHost,
  params: ShopSearchParams,
  options: IterateShopItemsOptions = {},
): AsyncGenerator<ShopItem, void, undefined> {
  const method = 'iterateShopItems';
  const { apiName, params: pageParams } = requestFor(
    SEARCH_SHOP_ITEMS,
    { dialect: host.dialect, lang: undefined },
    params,
    method,
  );
  checkOptions(IterateOptionsSchema, options, method);
  const { onProgress, ...rest } = options ?? {};
  const pageSize = Number(pageParams.page_size);
  return paginate<ShopItem>(
    host,
    apiName,
    pageParams,
    {
      ...rest,
      pageParam: 'page',
      pageSize,
      maxItems: SHOP_LISTING_MAX_ITEMS,
      read: (payload) => shopPageFromPayload(host.dialect, apiName, payload),
      idOf: (item) => item.id,
      ...(onProgress === undefined
        ? {}
        : {
            onProgress: (p) =>
              onProgress({
                pages: p.pages,
                pageCount: p.lastPage ?? p.pages,
                items: p.items,
                total: p.total ?? p.items,
                pending: p.pending,
              }),
          }),
    },
    method,
  );
}
