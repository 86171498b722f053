/**
 * Item lookup for the detail APIs: the seed fixtures first, then the generated catalogue, whose items
 * get a detail generated from their listing entry (two SKUs, three price tiers, a seller).
 */
import type { Catalogue, CatalogueEntry } from './catalogue.js';
import { ONEBOUND_ITEM_610947572360 } from './fixtures/onebound-610947572360.js';
import { ONEBOUND_ITEM_61234567890, TOP_ITEM_61234567890 } from './fixtures/seed-61234567890.js';
import { TOP_ITEM_610947572360 } from './fixtures/top-610947572360.js';
import type { OneBoundItem, TopItem } from './fixtures/types.js';
import { idValue } from './json-text.js';
import { hash32 } from './random.js';

/** One offer in the shapes of the dialects (TOP and AOP share the product shape). */
export interface ItemBodies {
  top: TopItem;
  onebound: OneBoundItem;
}

const FIXTURES: Record<string, ItemBodies> = {
  '610947572360': { top: TOP_ITEM_610947572360, onebound: ONEBOUND_ITEM_610947572360 },
  '61234567890': { top: TOP_ITEM_61234567890, onebound: ONEBOUND_ITEM_61234567890 },
};

/** Ids are decimal digits; anything else is an invalid argument, checked by the dialects. */
export const ITEM_ID = /^[1-9]\d{0,19}$/;

export function findItem(catalogue: Catalogue, id: string): ItemBodies | undefined {
  const fixture = FIXTURES[id];
  if (fixture) return fixture;
  if (!ITEM_ID.test(id)) return undefined;
  const entry = catalogue.find(BigInt(id));
  return entry ? generatedItem(entry) : undefined;
}

const COLOURS = ['白色', '黑色'];

function generatedItem(entry: CatalogueEntry): ItemBodies {
  const { shop } = entry;
  const price = (entry.priceCents / 100).toFixed(2);
  const tiers: [number, string][] = [
    [2, price],
    [100, ((entry.priceCents * 0.9) / 100).toFixed(2)],
    [500, ((entry.priceCents * 0.8) / 100).toFixed(2)],
  ];
  const h = hash32(entry.index, shop.shopHash);
  const sellerId = String(2_200_000_000_000 + shop.shopHash);
  const skuIds = COLOURS.map((_, k) => String(4_300_000_000_000n + (entry.id % 1_000_000_000n) * 2n + BigInt(k)));
  const half = Math.floor(entry.quantity / 2);
  const skuQuantities = [half, entry.quantity - half];
  // The id as the gateways write it: a raw JSON number above 2^53. Typed as string for the shapes.
  const id = idValue(entry.id) as unknown as string;
  const top: TopItem = {
    item_id: id,
    title: entry.title,
    subject: entry.title,
    price,
    price_unit: '件',
    quantity: entry.quantity,
    min_buy_quantity: 2,
    step_price: tiers.map(([quantity, p]) => ({ quantity, price: p })),
    pic_url: entry.picUrl,
    pic_urls: [entry.picUrl],
    detail_url: entry.detailUrl,
    category_id: 1234,
    location: '浙江省 义乌市',
    mix_enable: false,
    sales_30d: entry.sales,
    trade_props: [{ name: '货源类别', value: '现货' }],
    sku_infos: {
      sku_info: COLOURS.map((colour, k) => ({
        sku_id: skuIds[k]!,
        price,
        quantity: skuQuantities[k]!,
        spec_json: JSON.stringify({ 颜色: colour }),
      })),
    },
    seller: {
      user_id: sellerId,
      nick: shop.sellerNick,
      company_name: `${shop.shopName}有限公司`,
      credit_level: 1 + (h % 5),
      year: 1 + ((h >>> 4) % 15),
      member_id: shop.sellerNick,
      shop_name: shop.shopName,
      shop_url: shop.shopUrl,
    },
    desc_img: [],
    description: '',
  };
  const onebound: OneBoundItem = {
    num_iid: id,
    title: entry.title,
    desc_short: '',
    price,
    total_price: 0,
    suggestive_price: 0,
    orginal_price: price,
    nick: shop.sellerNick,
    num: String(entry.quantity),
    detail_url: entry.detailUrl,
    pic_url: entry.picUrl,
    brand: '',
    brandId: '',
    rootCatId: '',
    cid: '1234',
    desc: '',
    item_imgs: [{ url: entry.picUrl }],
    item_weight: '',
    post_fee: '',
    express_fee: '',
    ems_fee: '',
    shipping_to: '',
    video: [],
    sample_id: '',
    props_name: COLOURS.map((c, k) => `0:${k}:颜色:${c}`).join(';'),
    prop_imgs: { prop_img: [] },
    property_alias: COLOURS.map((c, k) => `0:${k}:${c}`).join(';'),
    props: [{ name: '货源类别', value: '现货' }],
    total_sold: String(entry.sales),
    scale: '',
    sellUnit: '',
    skus: {
      sku: COLOURS.map((colour, k) => ({
        price,
        total_price: 0,
        sales: '0',
        properties: `0:${k}`,
        properties_name: `0:${k}:颜色:${colour}`,
        quantity: String(skuQuantities[k]),
        sku_id: skuIds[k]!,
        spec_id: '',
      })),
    },
    seller_id: sellerId,
    sales: entry.sales,
    shop_id: '',
    props_list: Object.fromEntries(COLOURS.map((c, k) => [`0:${k}`, `颜色:${c}`])),
    seller_info: {
      nick: shop.sellerNick,
      user_num_id: sellerId,
      sid: shop.sellerNick,
      title: shop.shopName,
      zhuy: shop.shopUrl,
      shop_name: shop.shopName,
    },
    tmall: '',
    data_from: '1688app',
    error: '',
    unit: '件',
    is_support_mix: false,
    mix_amount: null,
    mix_begin: null,
    mix_number: null,
    min_num: '2',
    priceRange: tiers,
    sales_data: '',
    location: '浙江省 义乌市',
    props_img: [],
    sales_info: {
      seller_num: '',
      repeat_rate_purchase: '',
      per_capita_purchases: '',
      comment_num: '',
      comment_url: '',
    },
    desc_img: [],
    shop_item: [],
    relate_items: [],
  };
  return { top, onebound };
}
