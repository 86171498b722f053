/**
 * The `item` of OneBound `item_get` / `item_get_pro` (seed 000) → `Offer`. OneBound flattens the
 * 1688 product into strings (`"num":"1763"`, `"min_num":"2"`), writes SKU specs as
 * `properties_name` ("0:0:机身内存:64GB;1:1:颜色:瓷白色"), tiers as `priceRange` ([[2,"799.00"]]) and
 * has no company name, credit level or 诚信通 years: those stay absent rather than guessed.
 */
import { z } from 'zod';
import type { Offer, Sku } from '../../model/offer.js';
import { parseResponse, unexpectedResponse, type ResponseContext } from '../validate.js';
import { minOrderQuantityOf, mixBatchOf, priceRangeOf, sortTiers } from './offer-parts.js';
import {
  absoluteUrl,
  count,
  distinct,
  dropUndefined,
  idText,
  imagesInHtml,
  money,
  nameValue,
  optionalCount,
  optionalId,
  optionalText,
} from './values.js';

const oneBoundSku = z.object({
  sku_id: idText,
  spec_id: optionalText,
  price: money,
  quantity: count,
  sales: optionalCount,
  properties: optionalText,
  properties_name: optionalText,
});

const sellerInfo = z.object({
  nick: optionalText,
  user_num_id: optionalId,
  sid: optionalText,
  title: optionalText,
  zhuy: optionalText,
  shop_name: optionalText,
});

export const OneBoundItemSchema = z.object({
  num_iid: idText,
  title: z.string(),
  desc_short: optionalText,
  price: money,
  nick: optionalText,
  num: count,
  min_num: optionalCount,
  unit: optionalText,
  pic_url: optionalText,
  item_imgs: z.array(z.object({ url: z.string() })).optional(),
  desc: optionalText,
  desc_img: z.array(z.string()).optional(),
  // [] when there is none, a URL (or a list of {url}) when there is.
  video: z.union([z.string(), z.array(z.union([z.string(), z.object({ url: z.string() })]))]).optional(),
  cid: optionalId,
  location: optionalText,
  props: z.array(nameValue).optional(),
  props_list: z.record(z.string(), z.string()).or(z.array(z.never())).optional(),
  // OneBound sends [] instead of {} when an item has no SKUs.
  skus: z.union([z.object({ sku: z.array(oneBoundSku).optional() }), z.array(z.never())]).optional(),
  seller_id: optionalId,
  seller_info: sellerInfo.optional(),
  sales: optionalCount,
  sales_data: z.unknown().optional(),
  is_support_mix: z.boolean().nullable().optional(),
  mix_amount: money.nullable().optional(),
  mix_number: optionalCount,
  priceRange: z.array(z.tuple([count, money])).optional(),
});
export type OneBoundItem = z.infer<typeof OneBoundItemSchema>;

/** `0:0:机身内存:64GB;1:1:颜色:瓷白色` → { 机身内存: '64GB', 颜色: '瓷白色' } (values may hold ':'). */
export function attributesFromPropertiesName(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (part === '') continue;
    const fields = part.split(':');
    if (fields.length < 4) return undefined;
    out[fields[2] as string] = fields.slice(3).join(':');
  }
  return out;
}

/** `0:0;1:1` looked up in props_list ({'0:0': '机身内存:64GB'}). */
function attributesFromPropsList(properties: string, list: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of properties.split(';')) {
    if (key === '') continue;
    const entry = list[key];
    const colon = entry?.indexOf(':') ?? -1;
    if (entry === undefined || colon < 0) return undefined;
    out[entry.slice(0, colon)] = entry.slice(colon + 1);
  }
  return out;
}

/** `sales_data=1` answers carry `{ sales_30d }`; without it the item's `sales` is the 30-day figure. */
function salesOf(item: OneBoundItem): number | undefined {
  const data = item.sales_data;
  if (typeof data === 'object' && data !== null) {
    const figure = (data as Record<string, unknown>).sales_30d;
    const parsed = count.safeParse(figure);
    if (parsed.success) return parsed.data;
  }
  return item.sales;
}

function videoOf(item: OneBoundItem): string | undefined {
  const video = item.video;
  if (typeof video === 'string') return video === '' ? undefined : absoluteUrl(video);
  const first = video?.[0];
  if (first === undefined) return undefined;
  return absoluteUrl(typeof first === 'string' ? first : first.url);
}

export function offerFromOneBoundItem(raw: unknown, context: ResponseContext): Offer {
  const item = parseResponse(OneBoundItemSchema, raw, context);
  const sorted = sortTiers((item.priceRange ?? []).map(([quantity, price]) => ({ quantity, price })));
  if ('problem' in sorted) throw unexpectedResponse(context, ['priceRange'], sorted.problem);
  const propsList = Array.isArray(item.props_list) ? {} : (item.props_list ?? {});
  const rawSkus = Array.isArray(item.skus) ? [] : (item.skus?.sku ?? []);
  const skus: Sku[] = rawSkus.map((sku, index) => {
    const attributes =
      (sku.properties_name === undefined ? undefined : attributesFromPropertiesName(sku.properties_name)) ??
      (sku.properties === undefined ? undefined : attributesFromPropsList(sku.properties, propsList));
    if (attributes === undefined && (sku.properties_name !== undefined || sku.properties !== undefined)) {
      throw unexpectedResponse(
        context,
        ['skus', 'sku', index, 'properties_name'],
        'neither properties_name nor properties/props_list name the SKU spec',
      );
    }
    return {
      skuId: sku.sku_id,
      ...(sku.spec_id === undefined ? {} : { specId: sku.spec_id }),
      price: sku.price,
      stock: sku.quantity,
      ...(sku.sales === undefined ? {} : { sold: sku.sales }),
      attributes: attributes ?? {},
    };
  });
  const seller = item.seller_info;
  const sellerId = item.seller_id || seller?.user_num_id || undefined;
  const video = videoOf(item);
  const sales = salesOf(item);
  const descriptionImages =
    item.desc_img !== undefined && item.desc_img.length > 0
      ? distinct(item.desc_img.map(absoluteUrl))
      : imagesInHtml(item.desc ?? '');
  return {
    id: item.num_iid,
    title: item.title,
    subject: item.desc_short ?? '',
    priceRange: priceRangeOf(sorted.tiers, skus, item.price),
    unit: item.unit ?? '',
    minOrderQuantity: minOrderQuantityOf(item.min_num),
    priceTiers: sorted.tiers,
    mixBatch: mixBatchOf(item.is_support_mix, item.mix_amount, item.mix_number),
    stock: item.num,
    skus,
    attributes: item.props ?? [],
    images: distinct(
      [...(item.item_imgs ?? []).map((image) => image.url), item.pic_url].map((u) => u && absoluteUrl(u)),
    ),
    descriptionImages,
    ...(video === undefined ? {} : { video }),
    ...(item.cid ? { category: { id: item.cid } } : {}),
    ...(item.location === undefined ? {} : { location: item.location }),
    supplier: dropUndefined({
      id: sellerId,
      nick: seller?.nick ?? item.nick,
      // seller_info.title is the shop's name (店铺名); its shop_name is the seller's nick again.
      shopName: seller?.title ?? seller?.shop_name,
      url: seller?.zhuy,
    }),
    ...(sales === undefined ? {} : { sales }),
    raw,
  };
}
