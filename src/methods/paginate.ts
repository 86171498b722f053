/**
 * `paginate(host, api, params, { pageParam, read, … })`: every item of every page of a paged API, as
 * an async iterator that cannot run away, whatever the gateway claims:
 *
 * - it stops at the first empty page (a listing that claims 100 000 pages but has 80 items costs
 *   the pages that have items plus one);
 * - it never asks past the first page's `pageCount`, nor past ceil(total / pageSize), nor past
 *   ceil(maxItems / pageSize) (the platform's cap: 1 900 items for a shop listing), nor past
 *   `maxPages` pages;
 * - a page whose ids are those of the page before (a gateway that ignores the page number) ends
 *   the iteration with a `ResponseError` (`code: 'page-repeated'`) instead of looping forever;
 * - OneBound's `2000` (seed 000: "Search success but no result", 接口访问成功,但是搜索没有结果) is an
 *   empty page, so it ends the iteration cleanly.
 *
 * Pages are fetched ahead, at most `concurrency` at a time (default: from the client's rate and the
 * first page's latency, prefetch-depth.ts), only once the consumer asks
 * for a second item, so a `break` after the first item costs one request; `break` and the caller's
 * AbortSignal cancel the pages in flight. Items come in page order, each id once.
 */
import { defaultMaxListeners, setMaxListeners } from 'node:events';
import { z } from 'zod';
import { callOptionsShape, checkOptions } from '../call-options.js';
import { invalidRequest, OpenApiError, ResponseError } from '../errors.js';
import { normalizeParams } from '../signing/normalize.js';
import { abortError } from './abort.js';
import { readCall, untilAborted } from './cached-call.js';
import type { CallOptions, MethodHost } from './host.js';
import { prefetchDepth } from './prefetch-depth.js';
import { parseRequest } from './validate.js';

/** One page as `read` hands it over: its items, and what it says about the whole listing. */
export interface Page<T> {
  items: readonly T[];
  /** Items in the whole listing, as this page says. */
  total?: number | undefined;
  /** Pages in the whole listing, as this page says. */
  pageCount?: number | undefined;
  /** Items per full page, as this page says. */
  pageSize?: number | undefined;
}

/** What `onProgress` receives after each page. */
export interface PaginateProgress {
  /** Pages received so far (in order). */
  pages: number;
  /** The last page the iteration will ask for at most (undefined: only an empty page will end it). */
  lastPage: number | undefined;
  /** Distinct items received so far. */
  items: number;
  /** Items in the listing, as its first page said. */
  total: number | undefined;
  /** Pages requested and not yet fully yielded, this one included: never more than concurrency + 1. */
  pending: number;
}

/** Options of `paginate`: how to page, how to read a page, and the bounds. */
export interface PaginateOptions<T> extends Omit<CallOptions, 'signal'> {
  /** The parameter that carries the page number (`page`, `pageNo`, `page_no` …). */
  pageParam: string;
  /** The payload of one page → its items (and total / pageCount when the API says them); throw if malformed. */
  read: (payload: unknown) => Page<T>;
  /** Items per full page as requested (bounds the pages at ceil(total / pageSize)); default: what the first page says. */
  pageSize?: number;
  /** The most pages to ask for (≥ 1). */
  maxPages?: number;
  /** The most items the platform serves for one listing (a shop listing: 1 900). */
  maxItems?: number;
  /** An item's id, for de-duplication and repeated-page detection; default: its JSON text. */
  idOf?: (item: T) => string;
  /**
   * Pages fetched ahead at the same time (1–16). Default: from the client's rate limit and the first
   * page's round trip, max(burst, ceil(rate × latency) + 1) within 2–16 (2 with `limits: false`).
   */
  concurrency?: number;
  /** Called as each page arrives, in page order. */
  onProgress?: (progress: PaginateProgress) => void;
  /** Stops the iteration: the iterator throws the client's abort error and cancels pages in flight. */
  signal?: AbortSignal;
}

const whole = (min: number, max: number) =>
  z.number('must be a whole number').int('must be a whole number').min(min, `must be at least ${min}`).max(max);
const fn = (name: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', name);

/** The bounds and hooks of `paginate`. */
const paginateRulesShape = {
  pageParam: z.string('must be a string').min(1, 'must not be empty'),
  read: fn('must be a function'),
  pageSize: whole(1, 10_000).optional(),
  maxPages: whole(1, 1_000_000).optional(),
  maxItems: whole(1, Number.MAX_SAFE_INTEGER).optional(),
  idOf: fn('must be a function').optional(),
  concurrency: whole(1, 16).optional(),
  onProgress: fn('must be a function').optional(),
};

/** Every option of `paginate`: its own, and the per-call options of every typed method, for each page. */
const PaginateOptionsSchema = z.object({ ...callOptionsShape, ...paginateRulesShape }).strict();

const RULE_KEYS = Object.keys(paginateRulesShape);

/** OneBound `2000` (seed 000's table): the call worked and the search found nothing. */
export function isEmptySearch(error: unknown): boolean {
  return error instanceof OpenApiError && error.dialect === 'onebound' && error.code === '2000';
}

/**
 * Validates at once (a bad option throws `InvalidRequestError` here, before any request), then pages
 * lazily. Each page is `readCall(host, api, { ...params, [pageParam]: n })` mapped by `read` (so a
 * malformed page is never cached).
 */
export function paginate<T>(
  host: MethodHost,
  apiName: string,
  params: Readonly<Record<string, unknown>>,
  options: PaginateOptions<T>,
  method = 'paginate',
): AsyncGenerator<T, void, undefined> {
  const rules = checkOptions(PaginateOptionsSchema, options, method);
  if (rules.pageParam === undefined || rules.read === undefined) {
    throw invalidRequest(`${method}: options.pageParam and options.read are required`);
  }
  const startPage = startPageOf(params[rules.pageParam], method);
  // Normalised once: every page sends the same text, with only the page number changed.
  const base = normalizeParams(params);
  const { read } = options;
  const callOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (!RULE_KEYS.includes(key)) callOptions[key] = value;
  const fetchPage = async (page: number, signal: AbortSignal): Promise<Page<T>> => {
    try {
      const pageParams = { ...base, [options.pageParam]: String(page) };
      return await readCall(host, apiName, pageParams, { ...callOptions, signal }, { map: read });
    } catch (error) {
      if (isEmptySearch(error)) return { items: [] };
      throw error;
    }
  };
  return crawl(host, apiName, fetchPage, { ...options, startPage });
}

function startPageOf(value: unknown, method: string): number {
  if (value === undefined) return 1;
  const page = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return parseRequest(whole(1, 1_000_000), page, method);
}

/** How many abort listeners one page's call may add to the crawl's signal at most. */
const LISTENERS_PER_PAGE = 6;

async function* crawl<T>(
  host: MethodHost,
  apiName: string,
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
  rules: PaginateOptions<T> & { startPage: number },
): AsyncGenerator<T, void, undefined> {
  const { startPage, onProgress, signal: callerSignal } = rules;
  const idOf = rules.idOf ?? ((item: T) => JSON.stringify(item));
  // Our own controller cancels what is in flight when the consumer stops early (break, return, throw).
  const stop = new AbortController();
  const signal = callerSignal === undefined ? stop.signal : AbortSignal.any([callerSignal, stop.signal]);
  const aborted = () => abortError(host.dialect, apiName);
  const fetch = (page: number): Promise<Page<T>> => {
    const pending = fetchPage(page, signal);
    // A page fetched ahead may fail after the consumer stopped: nobody awaits it then.
    pending.catch(() => undefined);
    return pending;
  };
  const seen = new Set<string>();
  let pages = 0;
  let items = 0;
  try {
    const sentAt = performance.now();
    let current = await untilAborted(fetch(startPage), callerSignal, aborted);
    // Unless told, as deep as the client's rate and this first round trip ask (prefetch-depth.ts).
    const concurrency = rules.concurrency ?? prefetchDepth(host.crawlRate, performance.now() - sentAt);
    // Each page in flight listens to the crawl's signal a few times (the call, its turn in the limiter,
    // the cache's single flight, the transport): past Node's default of 10 that is expected, not a leak.
    setMaxListeners(Math.max(defaultMaxListeners, (concurrency + 1) * LISTENERS_PER_PAGE), signal);
    const lastPage = lastPageOf(current, rules);
    const total = current.total;
    const ahead: Promise<Page<T>>[] = [];
    let nextPage = startPage + 1;
    const refill = (): void => {
      while (ahead.length < concurrency && (lastPage === undefined || nextPage <= lastPage)) {
        ahead.push(fetch(nextPage++));
      }
    };
    let previous: string[] | undefined;
    for (;;) {
      if (current.items.length === 0) return;
      const ids = current.items.map(idOf);
      if (previous !== undefined && sameIds(previous, ids)) throw repeatedPage(host, apiName, startPage + pages);
      previous = ids;
      pages += 1;
      const fresh: T[] = [];
      current.items.forEach((item, k) => {
        const id = ids[k] as string;
        if (seen.has(id)) return;
        seen.add(id);
        fresh.push(item);
      });
      items += fresh.length;
      onProgress?.({ pages, lastPage, items, total, pending: 1 + ahead.length });
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

/** The last page worth asking for, from what the first page says and the caller's bounds. */
function lastPageOf<T>(first: Page<T>, rules: PaginateOptions<T> & { startPage: number }): number | undefined {
  const bounds: number[] = [];
  if (first.pageCount !== undefined) bounds.push(first.pageCount);
  const size = rules.pageSize ?? first.pageSize ?? (first.items.length > 0 ? first.items.length : undefined);
  if (size !== undefined && size > 0) {
    if (first.total !== undefined) bounds.push(Math.ceil(first.total / size));
    if (rules.maxItems !== undefined) bounds.push(Math.ceil(rules.maxItems / size));
  }
  if (rules.maxPages !== undefined) bounds.push(rules.startPage + rules.maxPages - 1);
  return bounds.length === 0 ? undefined : Math.min(...bounds);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, k) => id === b[k]);
}

function repeatedPage(host: MethodHost, apiName: string, page: number): ResponseError {
  return new ResponseError({
    message:
      `${apiName}: page ${page} has the same items as page ${page - 1}; the gateway ignores the page ` +
      'number, so paging stops here instead of asking for the same page again',
    code: 'page-repeated',
    subCode: String(page),
    dialect: host.dialect,
    apiName,
  });
}
