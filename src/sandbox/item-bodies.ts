/**
 * The detail bodies (TOP / AOP product shape and OneBound's) of one offer described by its facts:
 * used for the generated catalogue's items and for the items a user gives `startSandbox`. SKU specs
 * are written as the gateways write them: TOP a `spec_json` object, OneBound `pid:vid:name:value`
 * pairs (`0:1:颜色:黑色;1:0:尺码:M`) with their `props_list`.
 */
import type { OneBoundItem, TopItem } from './fixtures/types.js';

/** One offer in the shapes of the dialects (TOP and AOP share the product shape). */
export interface ItemBodies {
  top: TopItem;
  onebound: OneBoundItem;
}

/** The facts an offer's bodies are written from. Prices are yuan as text (`"12.50"`). */
export interface OfferFacts {
  /** The id as the body holds it: a string, or a raw JSON number above 2^53 typed as string. */
  id: string;
  title: string;
  price: string;
  /** `[from quantity, unit price]`, ascending; the first quantity is the minimum order. */
  tiers: [number, string][];
  quantity: number;
  sales: number;
  picUrl: string;
  detailUrl: string;
  skus: { skuId: string; price: string; quantity: number; spec: Record<string, string> }[];
  seller: { userId: string; nick: string; shopName: string; shopUrl: string; creditLevel: number; year: number };
}

interface SpecIds {
  /** `pid:vid` of each SKU, `;`-joined. */
  properties: string[];
  /** `pid:vid:name:value` of each SKU, `;`-joined. */
  names: string[];
  /** Every distinct `pid:vid` → `name:value`, in first-seen order. */
  list: Map<string, { name: string; value: string }>;
}

/** Attribute ids by first appearance of the name, value ids by first appearance within it. */
function specIds(skus: OfferFacts['skus']): SpecIds {
  const attributes = new Map<string, Map<string, number>>();
  const out: SpecIds = { properties: [], names: [], list: new Map() };
  for (const sku of skus) {
    const pairs: string[] = [];
    const named: string[] = [];
    for (const [name, value] of Object.entries(sku.spec)) {
      let values = attributes.get(name);
      if (!values) attributes.set(name, (values = new Map()));
      if (!values.has(value)) values.set(value, values.size);
      const pair = `${[...attributes.keys()].indexOf(name)}:${values.get(value)}`;
      pairs.push(pair);
      named.push(`${pair}:${name}:${value}`);
      out.list.set(pair, { name, value });
    }
    out.properties.push(pairs.join(';'));
    out.names.push(named.join(';'));
  }
  return out;
}

export function itemBodies(facts: OfferFacts): ItemBodies {
  const { id, price, seller } = facts;
  const ids = specIds(facts.skus);
  const top: TopItem = {
    item_id: id,
    title: facts.title,
    subject: facts.title,
    price,
    price_unit: '件',
    quantity: facts.quantity,
    min_buy_quantity: facts.tiers[0]?.[0] ?? 1,
    step_price: facts.tiers.map(([quantity, p]) => ({ quantity, price: p })),
    pic_url: facts.picUrl,
    pic_urls: [facts.picUrl],
    detail_url: facts.detailUrl,
    category_id: 1234,
    location: '浙江省 义乌市',
    mix_enable: false,
    sales_30d: facts.sales,
    trade_props: [{ name: '货源类别', value: '现货' }],
    sku_infos: {
      sku_info: facts.skus.map((sku) => ({
        sku_id: sku.skuId,
        price: sku.price,
        quantity: sku.quantity,
        spec_json: JSON.stringify(sku.spec),
      })),
    },
    seller: {
      user_id: seller.userId,
      nick: seller.nick,
      company_name: `${seller.shopName}有限公司`,
      credit_level: seller.creditLevel,
      year: seller.year,
      member_id: seller.nick,
      shop_name: seller.shopName,
      shop_url: seller.shopUrl,
    },
    desc_img: [],
    description: '',
  };
  const onebound: OneBoundItem = {
    num_iid: id,
    title: facts.title,
    desc_short: '',
    price,
    total_price: 0,
    suggestive_price: 0,
    orginal_price: price,
    nick: seller.nick,
    num: String(facts.quantity),
    detail_url: facts.detailUrl,
    pic_url: facts.picUrl,
    brand: '',
    brandId: '',
    rootCatId: '',
    cid: '1234',
    desc: '',
    item_imgs: [{ url: facts.picUrl }],
    item_weight: '',
    post_fee: '',
    express_fee: '',
    ems_fee: '',
    shipping_to: '',
    video: [],
    sample_id: '',
    props_name: [...ids.list].map(([pair, { name, value }]) => `${pair}:${name}:${value}`).join(';'),
    prop_imgs: { prop_img: [] },
    property_alias: [...ids.list].map(([pair, { value }]) => `${pair}:${value}`).join(';'),
    props: [{ name: '货源类别', value: '现货' }],
    total_sold: String(facts.sales),
    scale: '',
    sellUnit: '',
    skus: {
      sku: facts.skus.map((sku, k) => ({
        price: sku.price,
        total_price: 0,
        sales: '0',
        properties: ids.properties[k]!,
        properties_name: ids.names[k]!,
        quantity: String(sku.quantity),
        sku_id: sku.skuId,
        spec_id: '',
      })),
    },
    seller_id: seller.userId,
    sales: facts.sales,
    shop_id: '',
    props_list: Object.fromEntries([...ids.list].map(([pair, { name, value }]) => [pair, `${name}:${value}`])),
    seller_info: {
      nick: seller.nick,
      user_num_id: seller.userId,
      sid: seller.nick,
      title: seller.shopName,
      zhuy: seller.shopUrl,
      shop_name: seller.shopName,
    },
    tmall: '',
    data_from: '1688app',
    error: '',
    unit: '件',
    is_support_mix: false,
    mix_amount: null,
    mix_begin: null,
    mix_number: null,
    min_num: String(facts.tiers[0]?.[0] ?? 1),
    priceRange: facts.tiers,
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
