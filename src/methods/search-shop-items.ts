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
import type { Dialect } from '../errors.js';
import { parseMoney, type Money } from '../model/money.js';
import type { CallOptions, MethodHost } from './host.js';
import { shopPageFrom, type ShopPage } from './mappers/shop-page.js';
import { payloadFor, requestFor, type MethodRequest } from './method-request.js';
import { isEmptySearch } from './paginate.js';
import { runMethod } from './run-method.js';
import type { MethodSpec } from './spec.js';
import { parseResponse } from './validate.js';
import { quote } from '../text/quote.js';

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
 * refuse the aop dialect (see SEARCH_SHOP_ITEMS).
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
    ctx.addIssue({ code: 'custom', message: `must not be negative, got ${quote(value)}` });
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

type ShopSearchInput = z.output<typeof ShopSearchParamsSchema>;

/** The page and page size asked for: always explicit, so that "page 1" and "no page" share a cache entry. */
function pageOf(input: ShopSearchInput): { page: number; pageSize: number } {
  return { page: input.page ?? 1, pageSize: input.pageSize ?? SHOP_PAGE_SIZE_DEFAULT };
}

/** The parameters all dialects that serve the listing take: seed 003's. */
function shopParams(input: ShopSearchInput): Record<string, string> {
  const { page, pageSize } = pageOf(input);
  const params: Record<string, string> = {
    seller_nick: input.sellerNick,
    page: String(page),
    page_size: String(pageSize),
  };
  if (input.q !== undefined && input.q !== '') params.q = input.q;
  if (input.startPrice !== undefined) params.start_price = input.startPrice.text;
  if (input.endPrice !== undefined) params.end_price = input.endPrice.text;
  if (input.sort !== undefined) params.sort = input.sort;
  return params;
}

const topEnvelope = z.object({ items: z.unknown().refine((v) => v !== undefined, 'missing') });

/** `searchShopItems`, described once for every dialect. */
export const SEARCH_SHOP_ITEMS: MethodSpec<ShopSearchInput, ShopPage> = {
  name: 'searchShopItems',
  input: ShopSearchParamsSchema,
  dialects: {
    top: {
      api: SHOP_SEARCH_APIS.top,
      params: shopParams,
      // The dialect hands over `{items}`, whether the body had the *_response wrapper or not (seed 003).
      map: (payload, context) => {
        const { items } = parseResponse(topEnvelope, payload, context);
        return shopPageFrom(items, { ...context, at: 'items' });
      },
    },
    // No public source (seed, official or public SDK) shows what the AOP listing answers, and
    // DESIGN.md's rule is to refuse rather than guess a shape only our own sandbox would agree with.
    aop: {
      refused:
        `no public source shows the answer of ${SHOP_SEARCH_APIS.aop} on the 1688 AOP gateway, ` +
        'so this SDK does not guess its shape; use the top dialect (item_search_shop, seed 003) or onebound, ' +
        'or client.call() and read the payload yourself',
    },
    onebound: {
      api: SHOP_SEARCH_APIS.onebound,
      params: shopParams,
      // The OneBound dialect hands over the body's `items` itself.
      map: (payload, context) => shopPageFrom(payload, { ...context, at: 'items' }),
      // Seed 000: 2000 is "search success but no result": the page asked for, empty.
      answerFor: (error, input) =>
        isEmptySearch(error) ? { items: [], ...pageOf(input), pageCount: 0, total: 0 } : undefined,
    },
  },
};

/** The API and parameters for one page; throws `InvalidRequestError` naming the field, or for a refused dialect. */
export function shopSearchRequest(dialect: Dialect, input: ShopSearchParams): MethodRequest {
  return requestFor(SEARCH_SHOP_ITEMS, { dialect, lang: undefined }, input);
}

/** A shop-listing payload as a validated `ShopPage`; throws `ResponseError` naming the bad path. */
export function shopPageFromPayload(dialect: Dialect, apiName: string, payload: unknown): ShopPage {
  return payloadFor(SEARCH_SHOP_ITEMS, { dialect, apiName }, payload);
}

export function searchShopItems(
  host: MethodHost,
  params: ShopSearchParams,
  callOptions: CallOptions = {},
): Promise<ShopPage> {
  return runMethod(host, SEARCH_SHOP_ITEMS, params, callOptions);
}
