import { OfferSchema, ShopItemSchema, parseMoney } from '../../src/index';
import { seedOffer } from '../support/seed-offer';

describe('OfferSchema', () => {
  it('accepts the seed-004 offer and keeps ids as strings', () => {
    const offer = seedOffer();
    expect(offer.id).toBe('61234567890');
    expect(offer.priceTiers.map((tier) => [tier.minQuantity, tier.unitPrice.text])).toEqual([
      [5, '25.00'],
      [100, '22.00'],
      [500, '19.00'],
    ]);
    expect(offer.skus[0]?.attributes).toEqual({ 颜色: '白色', 尺码: 'M' });
  });

  it('rejects tiers that are not in strictly ascending order', () => {
    const offer = seedOffer();
    const unsorted = { ...offer, priceTiers: [...offer.priceTiers].reverse() };
    expect(OfferSchema.safeParse(unsorted).success).toBe(false);
    const duplicate = { ...offer, priceTiers: [offer.priceTiers[0], offer.priceTiers[0]] };
    expect(OfferSchema.safeParse(duplicate).success).toBe(false);
  });

  it('rejects a price range whose min exceeds its max, a zero MOQ and a numeric id', () => {
    const offer = seedOffer();
    const range = { min: parseMoney('30'), max: parseMoney('20') };
    expect(OfferSchema.safeParse({ ...offer, priceRange: range }).success).toBe(false);
    expect(OfferSchema.safeParse({ ...offer, minOrderQuantity: 0 }).success).toBe(false);
    expect(OfferSchema.safeParse({ ...offer, id: 61234567890 }).success).toBe(false);
  });
});

describe('ShopItemSchema', () => {
  it('accepts a listing entry and rejects a float price', () => {
    const item = {
      id: '610947572360',
      title: '小米有品Qin2 Pro',
      price: parseMoney('799.00'),
      image: 'https://cbu01.alicdn.com/img/ibank/2020/063/830/13235038360_979836901.jpg',
      url: 'https://detail.1688.com/offer/610947572360.html',
      shopName: 'qin多亲科技',
      sales: 30,
    };
    expect(ShopItemSchema.parse(item)).toEqual(item);
    expect(ShopItemSchema.safeParse({ ...item, price: 799 }).success).toBe(false);
  });
});
