/**
 * The product of TOP `alibaba.item.get` (seed 004's fields) → `Offer`. AOP's `alibaba.product.get`
 * answers in its own camelCase shape: aop-product.ts.
 */
import { z } from 'zod';
import type { Offer, Sku } from '../../model/offer.js';
import { unexpectedResponse, parseResponse, type ResponseContext } from '../validate.js';
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

/** `{"颜色":"白色","尺码":"M"}` as text → the attribute map. */
const specJson = z.string().transform((text, ctx): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'spec_json is not JSON' });
    return z.NEVER;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'spec_json is not a JSON object' });
    return z.NEVER;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      ctx.addIssue({ code: 'custom', message: `spec_json value of ${JSON.stringify(name)} is not text` });
      return z.NEVER;
    }
    out[name] = String(value);
  }
  return out;
});

const topSku = z.object({
  sku_id: idText,
  spec_id: optionalText,
  price: money,
  quantity: count,
  sales: optionalCount,
  spec_json: specJson.optional(),
});

const topSeller = z.object({
  user_id: optionalId,
  nick: optionalText,
  company_name: optionalText,
  credit_level: optionalCount,
  year: optionalCount,
  member_id: optionalText,
  shop_name: optionalText,
  shop_url: optionalText,
  is_verified: z.boolean().optional(),
});

/** The product fields the mapper reads; everything else stays in `raw`. */
export const TopProductSchema = z.object({
  item_id: idText,
  title: z.string(),
  subject: optionalText,
  price: money,
  price_unit: optionalText,
  quantity: count,
  min_buy_quantity: optionalCount,
  step_price: z.array(z.object({ quantity: count, price: money })).optional(),
  pic_url: optionalText,
  pic_urls: z.array(z.string()).optional(),
  detail_url: optionalText,
  category_id: optionalId,
  category_name: optionalText,
  location: optionalText,
  mix_enable: z.boolean().optional(),
  mix_amount: money.nullable().optional(),
  mix_number: optionalCount,
  sales_30d: optionalCount,
  trade_props: z.array(nameValue).optional(),
  // TOP writes an empty list as {} or leaves it out.
  sku_infos: z.object({ sku_info: z.array(topSku).optional() }).optional(),
  seller: topSeller.optional(),
  desc_img: z.array(z.string()).optional(),
  description: optionalText,
  video: optionalText,
});
export type TopProduct = z.infer<typeof TopProductSchema>;

/** The fields the Offer cannot go without: always requested when the caller narrows `fields`. */
export const TOP_REQUIRED_FIELDS = ['item_id', 'title', 'price', 'price_unit', 'quantity', 'min_buy_quantity'] as const;

/** A validated TOP product → Offer. `raw` is the product object exactly as received. */
export function offerFromTopProduct(raw: unknown, context: ResponseContext): Offer {
  const product = parseResponse(TopProductSchema, raw, context);
  const sorted = sortTiers(product.step_price ?? []);
  if ('problem' in sorted) throw unexpectedResponse(context, ['step_price'], sorted.problem);
  const skus: Sku[] = (product.sku_infos?.sku_info ?? []).map((sku) => ({
    skuId: sku.sku_id,
    ...(sku.spec_id === undefined ? {} : { specId: sku.spec_id }),
    price: sku.price,
    stock: sku.quantity,
    ...(sku.sales === undefined ? {} : { sold: sku.sales }),
    attributes: sku.spec_json ?? {},
  }));
  const seller = product.seller;
  const descriptionImages =
    product.desc_img !== undefined
      ? distinct(product.desc_img.map(absoluteUrl))
      : imagesInHtml(product.description ?? '');
  return {
    id: product.item_id,
    title: product.title,
    subject: product.subject ?? '',
    priceRange: priceRangeOf(sorted.tiers, skus, product.price),
    unit: product.price_unit ?? '',
    minOrderQuantity: minOrderQuantityOf(product.min_buy_quantity),
    priceTiers: sorted.tiers,
    mixBatch: mixBatchOf(product.mix_enable, product.mix_amount, product.mix_number),
    stock: product.quantity,
    skus,
    attributes: product.trade_props ?? [],
    images: distinct([...(product.pic_urls ?? []), product.pic_url].map((url) => url && absoluteUrl(url))),
    descriptionImages,
    ...(product.video === undefined ? {} : { video: absoluteUrl(product.video) }),
    ...(product.category_id === undefined
      ? {}
      : {
          category: {
            id: product.category_id,
            ...(product.category_name === undefined ? {} : { name: product.category_name }),
          },
        }),
    ...(product.location === undefined ? {} : { location: product.location }),
    supplier: dropUndefined({
      id: seller?.user_id,
      nick: seller?.nick,
      companyName: seller?.company_name,
      shopName: seller?.shop_name,
      creditLevel: seller?.credit_level,
      trustYears: seller?.year,
      verified: seller?.is_verified,
      url: seller?.shop_url,
    }),
    ...(product.sales_30d === undefined ? {} : { sales: product.sales_30d }),
    raw,
  };
}
