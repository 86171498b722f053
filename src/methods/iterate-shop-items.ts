/**
 * `client.iterateShopItems(params, options)`: every item of every page of a shop listing, as an
 * async iterator.
 *
 * - Pages are fetched ahead, at most `concurrency` at a time (default 2), each through
 *   `client.call`, so through the client's rate limiter like any other call.
 * - Memory stays bounded: the page being yielded plus at most `concurrency` pages in flight or
 *   waiting, whatever the size of the shop. Only the ids seen are kept for the whole crawl.
 * - Items come in page order, each id once (a listing that shifts between pages repeats items).
 * - Prefetching starts only when the consumer asks for a second item, so a `break` after the first
 *   item costs one request; `break` and the caller's AbortSignal cancel the pages still in flight.
 */
import { z } from 'zod';
import type { ShopItem } from '../model/shop-item.js';
import { abortError } from './abort.js';
import { untilAborted } from './cached-call.js';
import type { CallOptions, MethodHost } from './host.js';
import type { ShopPage } from './mappers/shop-page.js';
import { searchShopItems, shopSearchRequest, type ShopSearchParams } from './search-shop-items.js';
import { parseRequest } from './validate.js';

/** What `onProgress` of `iterateShopItems` receives after each page. */
export interface ShopCrawlProgress {
  /** Pages received so far (in order). */
  pages: number;
  /** Pages in the listing, as its first page said. */
  pageCount: number;
  /** Distinct items received so far. */
  items: number;
  /** Items in the listing, as its first page said. */
  total: number;
  /** Pages requested and not yet fully yielded, this one included: never more than concurrency + 1. */
  pending: number;
}

/** Options of `iterateShopItems`: pages fetched ahead, progress callback, abort signal. */
export interface IterateShopItemsOptions extends Omit<CallOptions, 'signal'> {
  /** Pages fetched ahead at the same time (1–16, default 2). */
  concurrency?: number;
  /** Called as each page arrives, in page order. */
  onProgress?: (progress: ShopCrawlProgress) => void;
  /** Stops the crawl: the iterator throws the client's abort error and cancels pages in flight. */
  signal?: AbortSignal;
}

const IterateOptionsSchema = z
  .object({
    concurrency: z
      .number('must be a whole number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(16, 'must be at most 16')
      .optional(),
    onProgress: z
      .custom<(progress: ShopCrawlProgress) => void>((v) => typeof v === 'function', 'must be a function')
      .optional(),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal').optional(),
    cache: z.boolean('must be a boolean').optional(),
    timeoutMs: z.number().positive('must be a positive number of ms').optional(),
    deadlineMs: z.number().positive('must be a positive number of ms').optional(),
    priority: z.number().int().min(0).max(9, 'must be an integer 0…9').optional(),
    // Checked by client.call itself, on every page.
    httpMethod: z.enum(['GET', 'POST'], 'must be GET or POST').optional(),
    idempotent: z.boolean('must be a boolean').optional(),
    retry: z.unknown().optional(),
  })
  .strict();

/** Pages `iterateShopItems` fetches ahead unless told otherwise. */
export const DEFAULT_CRAWL_CONCURRENCY = 2;

/** Validates at once (a bad parameter throws here, before any request), then crawls lazily. */
export function iterateShopItems(
  host: MethodHost,
  params: ShopSearchParams,
  options: IterateShopItemsOptions = {},
): AsyncGenerator<ShopItem, void, undefined> {
  const first = shopSearchRequest(host.dialect, params, 'iterateShopItems');
  parseRequest(IterateOptionsSchema, options ?? {}, 'iterateShopItems');
  return crawl(host, params, first.page, first.apiName, options ?? {});
}

async function* crawl(
  host: MethodHost,
  params: ShopSearchParams,
  startPage: number,
  apiName: string,
  opts: IterateShopItemsOptions,
): AsyncGenerator<ShopItem, void, undefined> {
  const { concurrency = DEFAULT_CRAWL_CONCURRENCY, onProgress, signal: callerSignal, ...callOptions } = opts;
  // Our own controller cancels what is in flight when the consumer stops early (break, return, throw).
  const stop = new AbortController();
  const signal = callerSignal === undefined ? stop.signal : AbortSignal.any([callerSignal, stop.signal]);
  const aborted = () => abortError(host.dialect, apiName);
  const fetchPage = (page: number): Promise<ShopPage> => {
    const pending = searchShopItems(host, { ...params, page }, { ...callOptions, signal });
    // A page fetched ahead may fail after the consumer stopped: nobody awaits it then.
    pending.catch(() => undefined);
    return pending;
  };
  const seen = new Set<string>();
  let pages = 0;
  let items = 0;
  try {
    let current = await untilAborted(fetchPage(startPage), callerSignal, aborted);
    const { pageCount, total } = current;
    const ahead: Promise<ShopPage>[] = [];
    let nextPage = startPage + 1;
    const refill = (): void => {
      while (ahead.length < concurrency && nextPage <= pageCount) ahead.push(fetchPage(nextPage++));
    };
    for (;;) {
      pages += 1;
      const fresh = current.items.filter((item) => !seen.has(item.id));
      for (const item of fresh) seen.add(item.id);
      items += fresh.length;
      onProgress?.({ pages, pageCount, items, total, pending: 1 + ahead.length });
      let refilled = false;
      for (const item of fresh) {
        yield item;
        if (callerSignal?.aborted) throw aborted();
        // The consumer wants more than this item: now the pages ahead are worth fetching.
        if (!refilled) {
          refill();
          refilled = true;
        }
      }
      if (!refilled) refill();
      const following = ahead.shift();
      if (following === undefined) return;
      current = await untilAborted(following, callerSignal, aborted);
    }
  } finally {
    stop.abort();
  }
}
