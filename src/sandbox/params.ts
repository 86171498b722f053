/**
 * Business parameters shared by the dialects (shop listing, item ids), validated strictly: a value
 * the real gateways would refuse is refused here, with the name of the parameter.
 */
import { SHOP_SORTS, type ShopQuery, type ShopSort } from './catalogue.js';
import { SHOP_PAGE_SIZE_DEFAULT, SHOP_PAGE_SIZE_MAX } from './fixtures/shapes.js';
import { ITEM_ID } from './items.js';

export type ParamProblem = { kind: 'missing' | 'invalid'; param: string; message: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: ParamProblem };

const missing = (param: string): Checked<never> => ({
  ok: false,
  problem: { kind: 'missing', param, message: `Missing required arguments:${param}` },
});
const invalid = (param: string, why: string): Checked<never> => ({
  ok: false,
  problem: { kind: 'invalid', param, message: `Invalid arguments:${param} ${why}` },
});

export function itemIdParam(params: Record<string, string>, name: string): Checked<string> {
  const id = params[name];
  if (id === undefined || id === '') return missing(name);
  if (!ITEM_ID.test(id)) return invalid(name, 'must be a positive integer id');
  return { ok: true, value: id };
}

function positiveInt(text: string | undefined, name: string, fallback: number, max: number): Checked<number> {
  if (text === undefined || text === '') return { ok: true, value: fallback };
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) return invalid(name, 'must be a positive integer');
  if (Number(text) > max) return invalid(name, `must be at most ${max}`);
  return { ok: true, value: Number(text) };
}

function price(text: string | undefined, name: string): Checked<number | undefined> {
  if (text === undefined || text === '') return { ok: true, value: undefined };
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) return invalid(name, 'must be a price in yuan, e.g. 12.50');
  return { ok: true, value: Number(text) };
}

export interface ShopRequest {
  sellerNick: string;
  query: ShopQuery;
}

/** seller_nick, q, start_price, end_price, sort, page, page_size (seed 003). */
export function shopParams(params: Record<string, string>, sellerKey = 'seller_nick'): Checked<ShopRequest> {
  const sellerNick = params[sellerKey];
  if (!sellerNick) return missing(sellerKey);
  const page = positiveInt(params.page, 'page', 1, 1_000_000);
  if (!page.ok) return page;
  const pageSize = positiveInt(params.page_size, 'page_size', SHOP_PAGE_SIZE_DEFAULT, SHOP_PAGE_SIZE_MAX);
  if (!pageSize.ok) return pageSize;
  const startPrice = price(params.start_price, 'start_price');
  if (!startPrice.ok) return startPrice;
  const endPrice = price(params.end_price, 'end_price');
  if (!endPrice.ok) return endPrice;
  const sort = params.sort;
  if (sort !== undefined && sort !== '' && !SHOP_SORTS.includes(sort as ShopSort)) {
    return invalid('sort', `must be one of ${SHOP_SORTS.join(', ')}`);
  }
  if (params.q !== undefined && params.q.length > 200) return invalid('q', 'is longer than 200 characters');
  return {
    ok: true,
    value: {
      sellerNick,
      query: {
        q: params.q,
        startPrice: startPrice.value,
        endPrice: endPrice.value,
        sort: sort ? (sort as ShopSort) : undefined,
        page: page.value,
        pageSize: pageSize.value,
      },
    },
  };
}
