/**
 * `client.searchShopItems(params)`: one page of a shop's items (seed 003's item_search_shop).
 *
 * | dialect | API | answer |
 * |---|---|---|
 * | top | `item_search_shop` (the 1688 router's name of seed 003) | `{"items":{…}}` as seed 003 prints it, or wrapped in `item_search_shop_response` |
 * | aop | `com.alibaba.product/alibaba.item.search.shop` | refused: no public source shows its answer |
 * | onebound | `item_search_shop` | `items` in OneBound's envelope; `2000` (no result) is an empty page |
 *
 * All take the same snake_case parameters: seller_nick, q, start_price, end_price, sort,
 * page, page_size (at most 100, default 40).
 */
import { z } from 'zod';
import { invalidRequest, type Dialect } from '../errors.js';
import { parseMoney, type Money } from '../model/money.js';
import { readCall } from './cached-call.js';
import type { CallOptions, MethodHost } from './host.js';
import { shopPageFrom, type ShopPage } from './mappers/shop-page.js';
import { isEmptySearch } from './paginate.js';
import { parseRequest, parseResponse } from './validate.js';

/** Items per page when `pageSize` is not given. */
export const SHOP_PAGE_SIZE_DEFAULT = 40;
/** The largest `pageSize` the gateways accept. */
export const SHOP_PAGE_SIZE_MAX = 100;
/** Shop listing orders: price low to high, price high to low, best-selling first. */
export const SHOP_SORTS = ['price', '_price', 'sale'] as const;
/** One of `SHOP_SORTS`. */
export type ShopSort = (typeof SHOP_SORTS)[number];

/**
 * The shop-listing API of each dialect. The AOP name is kept for reference only: the typed methods
 * refuse the aop dialect (see `refuseUnsourced`).
 */
export const SHOP_SEARCH_APIS: Readonly<Record<Dialect, string>> = {
  top: 'item_search_shop',
  aop: 'com.alibaba.product/alibaba.item.search.shop',
  onebound: 'item_search_shop',
};

/** Yuan as a number or decimal text, ≥ 0, whole fen: kept as Money so that the bounds compare exactly. */
const price = z.union([z.number(), z.string()]).transform((value, ctx): Money => {
  if (typeof value === 'number' && value < 0) {
    ctx.addIssue({ code: 'custom', message: `must not be negative, got ${value}` });
    return z.NEVER;
  }
  if (typeof value === 'string' && value.trim().startsWith('-')) {
    ctx.addIssue({ code: 'custom', message: `must not be negative, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  try {
    return parseMoney(value, 'price');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not an amount of yuan' });
    return z.NEVER;
  }
});

const pageNumber = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000, 'must be at most 1000000');

/** The parameters of `searchShopItems`, checked before sending. */
export const ShopSearchParamsSchema = z
  .object({
    /** The shop: its member id (b2b-…) or seller nick. */
    sellerNick: z
      .string('must be a string')
      .trim()
      .min(1, 'must not be empty')
      .max(128, 'must be at most 128 characters'),
    /** Keywords within the shop. */
    q: z.string('must be a string').max(200, 'must be at most 200 characters').optional(),
    /** Lowest price in yuan. */
    startPrice: price.optional(),
    /** Highest price in yuan. */
    endPrice: price.optional(),
    /** price: low to high, _price: high to low, sale: best-selling first. */
    sort: z.enum(SHOP_SORTS, `must be one of ${SHOP_SORTS.join(', ')}`).optional(),
    page: pageNumber.optional(),
    pageSize: z
      .number('must be a whole number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(SHOP_PAGE_SIZE_MAX, `must be at most ${SHOP_PAGE_SIZE_MAX}`)
      .optional(),
  })
  .strict()
  .superRefine((params, ctx) => {
    if (
      params.startPrice !== undefined &&
      params.endPrice !== undefined &&
      params.startPrice.fen > params.endPrice.fen
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['startPrice'],
        message: `must not exceed endPrice (${params.startPrice.text} > ${params.endPrice.text})`,
      });
    }
  });
/** The parameters of `searchShopItems` as callers write them. */
export type ShopSearchParams = z.input<typeof ShopSearchParamsSchema>;

export interface ShopSearchRequest {
  apiName: string;
  params: Record<string, string>;
  page: number;
  pageSize: number;
}

/** The API and parameters for one page; throws `InvalidRequestError` naming the field. */
export function shopSearchRequest(
  dialect: Dialect,
  input: ShopSearchParams,
  method = 'searchShopItems',
): ShopSearchRequest {
  const p = parseRequest(ShopSearchParamsSchema, input, method);
  const page = p.page ?? 1;
  const pageSize = p.pageSize ?? SHOP_PAGE_SIZE_DEFAULT;
  // page and page_size always go out explicitly, so that "page 1" and "no page" share a cache entry.
  const params: Record<string, string> = { seller_nick: p.sellerNick, page: String(page), page_size: String(pageSize) };
  if (p.q !== undefined && p.q !== '') params.q = p.q;
  if (p.startPrice !== undefined) params.start_price = p.startPrice.text;
  if (p.endPrice !== undefined) params.end_price = p.endPrice.text;
  if (p.sort !== undefined) params.sort = p.sort;
  return { apiName: SHOP_SEARCH_APIS[dialect], params, page, pageSize };
}

const topEnvelope = z.object({ items: z.unknown().refine((v) => v !== undefined, 'missing') });

/**
 * Throws `InvalidRequestError` for the aop dialect: no public source (seed, official or public SDK)
 * shows what `com.alibaba.product/alibaba.item.search.shop` answers, and DESIGN.md's rule is to
 * refuse rather than guess a shape that only our own sandbox would agree with.
 */
export function refuseUnsourced(dialect: Dialect, method: string): void {
  if (dialect !== 'aop') return;
  throw invalidRequest(
    `${method}: no public source shows the answer of ${SHOP_SEARCH_APIS.aop} on the 1688 AOP gateway, ` +
      'so this SDK does not guess its shape; use the top dialect (item_search_shop, seed 003) or onebound, ' +
      'or client.call() and read the payload yourself',
  );
}

/** A shop-listing payload of the top or onebound dialect as a validated `ShopPage`; throws `ResponseError` naming the bad path. */
export function shopPageFromPayload(dialect: Dialect, apiName: string, payload: unknown): ShopPage {
  refuseUnsourced(dialect, 'shopPageFromPayload');
  if (dialect === 'top') {
    // The dialect hands over `{items}`, whether the body had the *_response wrapper or not (seed 003).
    const { items } = parseResponse(topEnvelope, payload, { dialect, apiName });
    return shopPageFrom(items, { dialect, apiName, at: 'items' });
  }
  // The OneBound dialect hands over the body's `items` itself.
  return shopPageFrom(payload, { dialect, apiName, at: 'items' });
}

/** What a search that found nothing returns: OneBound's `2000` (seed 000) as the page asked for, empty. */
function emptyPage(request: ShopSearchRequest): ShopPage {
  return { items: [], page: request.page, pageSize: request.pageSize, pageCount: 0, total: 0 };
}

export async function searchShopItems(
  host: MethodHost,
  params: ShopSearchParams,
  callOptions: CallOptions = {},
): Promise<ShopPage> {
  const request = shopSearchRequest(host.dialect, params);
  refuseUnsourced(host.dialect, 'searchShopItems');
  const map = (payload: unknown) => shopPageFromPayload(host.dialect, request.apiName, payload);
  try {
    return await readCall(host, request.apiName, request.params, callOptions, { map });
  } catch (error) {
    if (isEmptySearch(error)) return emptyPage(request);
    throw error;
  }
}
