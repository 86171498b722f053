/**
 * A page of a shop listing (seed 003's `items` object, the same in every dialect) → `ShopPage`.
 * TOP wraps it as `{items}`, AOP as `result.toReturn.items`, OneBound hands `items` itself; the
 * dialect-specific unwrapping is in search-shop-items.ts.
 */
import { z } from 'zod';
import type { ShopItem } from '../../model/shop-item.js';
import { parseResponse, type ResponseContext } from '../validate.js';
import { absoluteUrl, count, idText, money, optionalCount, optionalText } from './values.js';

const listItem = z.object({
  num_iid: idText,
  title: z.string(),
  pic_url: optionalText,
  price: money,
  sales: optionalCount,
  detail_url: optionalText,
  shop_name: optionalText,
});

export const ShopSearchPageSchema = z.object({
  page: count,
  total_results: count,
  real_total_results: optionalCount,
  page_size: count,
  pagecount: count,
  // An empty page may come without its list.
  item: z.array(listItem).optional(),
});

/** One page of a shop's items, with where it sits in the listing. */
export interface ShopPage {
  items: ShopItem[];
  page: number;
  pageSize: number;
  pageCount: number;
  /** Items in the whole listing (all pages). */
  total: number;
}

export function shopPageFrom(raw: unknown, context: ResponseContext): ShopPage {
  const page = parseResponse(ShopSearchPageSchema, raw, context);
  const items: ShopItem[] = (page.item ?? []).map((item) => ({
    id: item.num_iid,
    title: item.title,
    price: item.price,
    image: absoluteUrl(item.pic_url ?? ''),
    url: item.detail_url ?? `https://detail.1688.com/offer/${item.num_iid}.html`,
    ...(item.shop_name === undefined ? {} : { shopName: item.shop_name }),
    ...(item.sales === undefined ? {} : { sales: item.sales }),
  }));
  return {
    items,
    page: page.page,
    pageSize: page.page_size,
    pageCount: page.pagecount,
    total: page.real_total_results ?? page.total_results,
  };
}
