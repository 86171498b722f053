/**
 * Offers built by hand for the model tests. `seedOffer` is the alibaba.item.get example of seed 004
 * (item 61234567890): tiers 5 → 25.00, 100 → 22.00, 500 → 19.00, min_buy_quantity 5, one SKU with
 * spec_json {"颜色":"白色","尺码":"M"}, seller credit_level 5 and 8 years of 诚信通.
 */
import { OfferSchema, parseMoney, type Offer } from '../../src/index';

export function seedOffer(overrides: Partial<Offer> = {}): Offer {
  return OfferSchema.parse({
    id: '61234567890',
    title: '2024新款夏季T恤 纯棉短袖 批发定制',
    subject: '厂家直销 支持定制 LOGO印制',
    priceRange: { min: parseMoney('19.00'), max: parseMoney('25.00') },
    unit: '件',
    minOrderQuantity: 5,
    priceTiers: [
      { minQuantity: 5, unitPrice: parseMoney('25.00') },
      { minQuantity: 100, unitPrice: parseMoney('22.00') },
      { minQuantity: 500, unitPrice: parseMoney('19.00') },
    ],
    mixBatch: { supported: false },
    stock: 10000,
    skus: [
      {
        skuId: '123456789',
        price: parseMoney('25.00'),
        stock: 3000,
        attributes: { 颜色: '白色', 尺码: 'M' },
      },
    ],
    attributes: [
      { name: '货源类别', value: '现货' },
      { name: '是否支持OEM', value: '是' },
    ],
    images: ['https://cbu01.alicdn.com/img/ibank/2024/123/456/789/012/abcdef.jpg'],
    descriptionImages: [],
    category: { id: '1234' },
    supplier: { id: '78901234', nick: 'XX服装厂', companyName: 'XX服装有限公司', creditLevel: 5, trustYears: 8 },
    raw: { item_id: '61234567890' },
    ...overrides,
  });
}

/** An offer priced per SKU (no tiers): three SKUs at `prices`, sold from 1 unit, mixable. */
export function perSkuOffer(prices: string[], overrides: Partial<Offer> = {}): Offer {
  const skus = prices.map((price, i) => ({
    skuId: `sku-${i + 1}`,
    price: parseMoney(price),
    stock: 100,
    attributes: { 颜色: `色${i + 1}` },
  }));
  const sorted = [...skus].sort((a, b) => a.price.fen - b.price.fen);
  return seedOffer({
    id: '700000000001',
    priceRange: {
      min: (sorted[0] as (typeof skus)[number]).price,
      max: (sorted.at(-1) as (typeof skus)[number]).price,
    },
    minOrderQuantity: 1,
    priceTiers: [],
    mixBatch: { supported: true },
    skus,
    ...overrides,
  });
}
