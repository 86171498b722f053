import {
  InvalidRequestError,
  meetsSupplierCriteria,
  orderTotal,
  parseMoney,
  tierFor,
  unitPriceFor,
} from '../../src/index';
import { perSkuOffer, seedOffer } from '../support/seed-offer';

describe('unitPriceFor on the seed-004 tiers (5 → 25.00, 100 → 22.00, 500 → 19.00)', () => {
  const offer = seedOffer();

  it.each([
    [5, '25.00'],
    [99, '25.00'],
    [100, '22.00'],
    [200, '22.00'],
    [499, '22.00'],
    [500, '19.00'],
    [10_000, '19.00'],
  ])('%d units cost %s each', (quantity, text) => {
    expect(unitPriceFor(offer, quantity).text).toBe(text);
  });

  it('refuses 4 units, saying the minimum of 5', () => {
    expect(() => unitPriceFor(offer, 4)).toThrow(InvalidRequestError);
    expect(() => unitPriceFor(offer, 4)).toThrow(/quantity 4 is below the minimum order quantity of 5 件/);
  });

  it('applies the tiers to every SKU and refuses an unknown skuId', () => {
    expect(unitPriceFor(offer, 200, '123456789')).toEqual({ text: '22.00', fen: 2200 });
    expect(() => unitPriceFor(offer, 200, 'nope')).toThrow(InvalidRequestError);
    expect(() => unitPriceFor(offer, 200, 'nope')).toThrow(/no SKU "nope" \(its SKUs are 123456789\)/);
  });

  it('takes the first tier as the minimum when it is above minOrderQuantity', () => {
    const loose = seedOffer({ minOrderQuantity: 2 });
    expect(() => unitPriceFor(loose, 3)).toThrow(/minimum order quantity of 5/);
  });

  it.each([0, -1, 1.5, Number.NaN, '10'])('refuses the quantity %p', (quantity) => {
    expect(() => unitPriceFor(offer, quantity as number)).toThrow(/quantity must be a whole number of at least 1/);
  });
});

describe('tierFor', () => {
  it('is the last tier starting at or below the quantity, none below the first or without tiers', () => {
    const offer = seedOffer();
    expect(tierFor(offer, 4)).toBeUndefined();
    expect([5, 99, 100, 499, 500, 10_000].map((q) => tierFor(offer, q)?.minQuantity)).toEqual([
      5, 5, 100, 100, 500, 500,
    ]);
    expect(tierFor(perSkuOffer(['0.10', '0.20']), 50)).toBeUndefined();
  });
});

describe('unitPriceFor on an offer priced per SKU (no tiers)', () => {
  const offer = perSkuOffer(['0.10', '0.20', '0.70']);

  it('uses the SKU price', () => {
    expect(unitPriceFor(offer, 1, 'sku-3')).toEqual({ text: '0.70', fen: 70 });
  });

  it('asks for a skuId when the SKU prices differ', () => {
    expect(() => unitPriceFor(offer, 1)).toThrow(/priced by SKU \(0\.10–0\.70 yuan\).*pass a skuId/);
  });

  it('needs no skuId when every SKU has the same price', () => {
    expect(unitPriceFor(perSkuOffer(['3.30', '3.30']), 7).text).toBe('3.30');
  });
});

describe('orderTotal', () => {
  it('adds prices that drift in floating point exactly, in fen', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the drift this guards against
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3);
    const offer = perSkuOffer(['0.10', '0.20', '0.70']);
    const total = orderTotal(offer, [
      { skuId: 'sku-1', quantity: 1 },
      { skuId: 'sku-2', quantity: 1 },
    ]);
    expect(total).toMatchObject({ text: '0.30', fen: 30, quantity: 2 });
    const tenths = orderTotal(offer, [
      { skuId: 'sku-1', quantity: 1 },
      { skuId: 'sku-1', quantity: 1 },
      { skuId: 'sku-1', quantity: 1 },
    ]);
    expect(tenths).toMatchObject({ text: '0.30', fen: 30, quantity: 3 });
    expect(tenths.lines).toEqual([
      { skuId: 'sku-1', quantity: 3, unitPrice: parseMoney('0.10'), subtotal: parseMoney('0.30') },
    ]);
  });

  it('prices each line on its own quantity when the offer does not allow mixing', () => {
    const offer = seedOffer({ skus: [...seedOffer().skus, { ...seedOffer().skus[0]!, skuId: '987654321' }] });
    const total = orderTotal(offer, [
      { skuId: '123456789', quantity: 60 },
      { skuId: '987654321', quantity: 60 },
    ]);
    expect(total.text).toBe('3000.00'); // 120 × 25.00: neither line reaches the 100 tier
    expect(() =>
      orderTotal(offer, [
        { skuId: '123456789', quantity: 60 },
        { skuId: '987654321', quantity: 3 },
      ]),
    ).toThrow(/quantity of SKU 987654321 3 is below the minimum order quantity of 5/);
  });

  it('chooses the tier on the total quantity when the offer allows mixing', () => {
    const base = seedOffer();
    const offer = seedOffer({
      mixBatch: { supported: true },
      skus: [...base.skus, { ...base.skus[0]!, skuId: '987654321' }],
    });
    const total = orderTotal(offer, [
      { skuId: '123456789', quantity: 60 },
      { skuId: '987654321', quantity: 60 },
    ]);
    expect(total).toMatchObject({ text: '2640.00', fen: 264000, quantity: 120 }); // 120 × 22.00
    expect(total.lines.map((line) => line.unitPrice.text)).toEqual(['22.00', '22.00']);
    // 3 + 3 units reach the minimum of 5 together.
    expect(
      orderTotal(offer, [
        { skuId: '123456789', quantity: 3 },
        { skuId: '987654321', quantity: 3 },
      ]).text,
    ).toBe('150.00');
    expect(() =>
      orderTotal(offer, [
        { skuId: '123456789', quantity: 2 },
        { skuId: '987654321', quantity: 2 },
      ]),
    ).toThrow(/total quantity 4 is below the minimum order quantity of 5/);
  });

  it('requires one of the seller’s mix thresholds when SKUs are mixed', () => {
    const offer = perSkuOffer(['10.00', '10.00'], {
      mixBatch: { supported: true, number: 10, amount: parseMoney('100') },
    });
    const mix = (a: number, b: number) =>
      orderTotal(offer, [
        { skuId: 'sku-1', quantity: a },
        { skuId: 'sku-2', quantity: b },
      ]);
    expect(mix(5, 5).text).toBe('100.00'); // 10 units, and 100.00 yuan
    expect(() => mix(3, 3)).toThrow(
      /mixed batch .* needs at least 10 件 or 100\.00 yuan; this order has 6 件 for 60\.00 yuan/,
    );
    // A single SKU is not a mixed batch: only the minimum order quantity applies.
    expect(orderTotal(offer, [{ skuId: 'sku-1', quantity: 3 }]).text).toBe('30.00');
  });

  it('refuses empty orders, bad quantities and unknown SKUs', () => {
    const offer = seedOffer();
    expect(() => orderTotal(offer, [])).toThrow(/at least one line/);
    expect(() => orderTotal(offer, [{ quantity: 0 }])).toThrow(/lines\[0\]\.quantity must be a whole number/);
    expect(() => orderTotal(offer, [{ quantity: 10, skuId: 'x' }])).toThrow(InvalidRequestError);
  });
});

describe('meetsSupplierCriteria', () => {
  const supplier = seedOffer().supplier; // credit level 5, 8 years, verification unknown

  it('checks trust years, credit level and verification', () => {
    expect(meetsSupplierCriteria(supplier, { minTrustYears: 3, minCreditLevel: 3 })).toBe(true);
    expect(meetsSupplierCriteria(supplier, { minTrustYears: 8, minCreditLevel: 5 })).toBe(true);
    expect(meetsSupplierCriteria(supplier, { minTrustYears: 9 })).toBe(false);
    expect(meetsSupplierCriteria(supplier, { minCreditLevel: 6 })).toBe(false);
    expect(meetsSupplierCriteria({ ...supplier, verified: true }, { verifiedOnly: true })).toBe(true);
    expect(meetsSupplierCriteria(supplier, {})).toBe(true);
  });

  it('counts unknown data as not meeting a criterion', () => {
    expect(meetsSupplierCriteria(supplier, { verifiedOnly: true })).toBe(false);
    expect(meetsSupplierCriteria({ nick: 'x' }, { minTrustYears: 0 })).toBe(false);
    expect(meetsSupplierCriteria({ nick: 'x' }, { minCreditLevel: 1 })).toBe(false);
  });
});
