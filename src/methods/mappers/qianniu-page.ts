/**
 * `taobao.qianniu.item.get` (seed 002) → `QianniuPage`. TOP writes the list as
 * `item_infos.item_info_v_o[]` (the XML element name survives in the JSON) and leaves it out when
 * the page is empty.
 */
import { z } from 'zod';
import type { Money } from '../../model/money.js';
import { parseResponse, type ResponseContext } from '../validate.js';
import { absoluteUrl, count, idText, money, optionalCount, optionalText } from './values.js';

const baseInfo = z.object({
  item_id: idText,
  title: z.string(),
  price: money,
  detail_url: optionalText,
  pict_url: optionalText,
  total_sold_quantity: optionalCount,
  quantity: optionalCount,
});

export const QianniuItemGetSchema = z.object({
  page: optionalCount,
  total_cnt: count,
  type: z.number().int().optional(),
  name: optionalText,
  id: z.union([z.number().int(), idText]).optional(),
  timestamp: z.number().int().optional(),
  item_infos: z.object({ item_info_v_o: z.array(z.object({ base_info: baseInfo })).optional() }).optional(),
});

/** One of the seller's own items as Qianniu lists it. */
export interface QianniuItem {
  id: string;
  title: string;
  price: Money;
  image: string;
  url: string;
  /** total_sold_quantity */
  sales?: number;
  /** quantity */
  stock?: number;
}

/** One page of `getQianniuItems`: the seller's items and the list they belong to. */
export interface QianniuPage {
  items: QianniuItem[];
  page: number | undefined;
  total: number;
  /** The list type (3: 新品) and its name, as the API echoes them. */
  type: number | undefined;
  name: string | undefined;
  /** Cursor fields for the next call (`id`, `ltimestamp` with `direction`). */
  id: string | undefined;
  timestamp: number | undefined;
}

export function qianniuPageFrom(raw: unknown, context: ResponseContext): QianniuPage {
  const payload = parseResponse(QianniuItemGetSchema, raw, context);
  const items: QianniuItem[] = (payload.item_infos?.item_info_v_o ?? []).map(({ base_info: info }) => ({
    id: info.item_id,
    title: info.title,
    price: info.price,
    image: absoluteUrl(info.pict_url ?? ''),
    url: info.detail_url ?? `https://detail.1688.com/offer/${info.item_id}.html`,
    ...(info.total_sold_quantity === undefined ? {} : { sales: info.total_sold_quantity }),
    ...(info.quantity === undefined ? {} : { stock: info.quantity }),
  }));
  return {
    items,
    page: payload.page,
    total: payload.total_cnt,
    type: payload.type,
    name: payload.name,
    id: payload.id === undefined ? undefined : String(payload.id),
    timestamp: payload.timestamp,
  };
}
