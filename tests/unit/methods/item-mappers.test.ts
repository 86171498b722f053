/** The three dialects' item payloads (the sandbox fixtures, as JSON on the wire) → one Offer. */
import { offerFromPayload } from '../../../src/methods/get-item';
import { OfferSchema, ResponseError, unitPriceFor, type Offer } from '../../../src/index';
import {
  AOP_PRODUCT_GET_61234567890,
  AOP_PRODUCT_GET_610947572360,
  ONEBOUND_ITEM_61234567890,
  ONEBOUND_ITEM_GET_PRO_610947572360,
  SEED_DESC_IMAGES,
  SEED_ITEM_IMAGES,
  SEED_PROPS,
  TOP_ITEM_GET_61234567890,
  TOP_ITEM_GET_610947572360,
} from '../../../src/sandbox/fixtures/index';

/** What a client receives: the fixture through JSON text. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function seedOffers(): Record<'top' | 'aop' | 'onebound', Offer> {
  return {
    top: offerFromPayload('top', 'alibaba.item.get', wire(TOP_ITEM_GET_610947572360).alibaba_item_get_response),
    aop: offerFromPayload('aop', 'com.alibaba.product/alibaba.product.get', wire(AOP_PRODUCT_GET_610947572360)),
    onebound: offerFromPayload('onebound', 'item_get_pro', wire(ONEBOUND_ITEM_GET_PRO_610947572360.item)),
  };
}

/** The business content every dialect carries (OneBound has no company name or secondary title). */
function common(offer: Offer) {
  const { raw: _raw, subject: _subject, supplier, ...rest } = offer;
  return {
    ...rest,
    supplier: { id: supplier.id, nick: supplier.nick, shopName: supplier.shopName, url: supplier.url },
  };
}

/**
 * What AOP's productInfo carries too: its sources (aop-product.ts) show no shop name, shop URL or
 * sales figure, and its `subject` is the title.
 */
function commonWithAop(offer: Offer) {
  const { sales: _sales, supplier, skus, ...rest } = common(offer);
  return {
    ...rest,
    skus: skus.map(({ sold: _sold, ...sku }) => sku),
    supplier: { id: supplier.id, nick: supplier.nick },
  };
}

describe('item mappers: the seed item 610947572360', () => {
  const offers = seedOffers();

  it.each(['top', 'aop', 'onebound'] as const)('%s: title, SKUs, supplier, location, images', (dialect) => {
    const offer = offers[dialect];
    expect(offer.id).toBe('610947572360');
    expect(offer.title).toBe('厂家直销小米有品Qin2 Pro智能手机学生机老人机备用机小爱同学4G');
    expect(offer.unit).toBe('部');
    expect(offer.minOrderQuantity).toBe(2);
    expect(offer.stock).toBe(1763);
    expect(offer.priceRange.min).toEqual({ text: '799.00', fen: 79900 });
    expect(offer.priceTiers).toEqual([]); // seed 000 prints no tier table
    // AOP's skuInfos have no sales figure (sources in aop-product.ts).
    const sold = (n: number) => (dialect === 'aop' ? {} : { sold: n });
    expect(offer.skus).toEqual([
      {
        skuId: '4309097072612',
        specId: '63828b15ad641fdb131775f32e4c050c',
        price: { text: '799.00', fen: 79900 },
        stock: 932,
        ...sold(55),
        attributes: { 机身内存: '64GB', 颜色: '瓷白色' },
      },
      {
        skuId: '4302217872901',
        specId: '0eb631954bfe8fb00a45824fc6193f2f',
        price: { text: '799.00', fen: 79900 },
        stock: 831,
        ...sold(159),
        attributes: { 机身内存: '64GB', 颜色: '铁灰色' },
      },
    ]);
    expect(offer.supplier.nick).toBe('qin多亲科技');
    expect(offer.supplier.id).toBe('2206619673102');
    if (dialect !== 'aop') expect(offer.supplier.shopName).toBe('深圳多亲科技实力卖场');
    expect(offer.location).toBe('广东省 深圳市');
    expect(offer.descriptionImages).toHaveLength(38);
    expect(offer.descriptionImages).toEqual(SEED_DESC_IMAGES);
    expect(offer.images).toEqual(SEED_ITEM_IMAGES);
    expect(offer.attributes).toEqual(SEED_PROPS);
    expect(offer.category).toEqual({ id: '50903' });
    expect(offer.sales).toBe(dialect === 'aop' ? undefined : 30);
    expect(offer.mixBatch).toEqual({ supported: false });
  });

  it('maps to the same offer whichever dialect answered', () => {
    expect(commonWithAop(offers.aop)).toEqual(commonWithAop(offers.top));
    expect(common(offers.onebound)).toEqual(common(offers.top));
  });

  it('keeps the validated original as raw, and the company name where the gateway has one', () => {
    expect(offers.top.raw).toEqual(wire(TOP_ITEM_GET_610947572360).alibaba_item_get_response.item);
    expect(offers.top.supplier.companyName).toBe('深圳市多亲科技有限公司');
    expect(offers.onebound.supplier.companyName).toBeUndefined();
  });
});

describe('item mappers: the seed-004 item 61234567890 (tiers)', () => {
  const offers = {
    top: offerFromPayload('top', 'alibaba.item.get', wire(TOP_ITEM_GET_61234567890).alibaba_item_get_response),
    aop: offerFromPayload('aop', 'com.alibaba.product/alibaba.product.get', wire(AOP_PRODUCT_GET_61234567890)),
    onebound: offerFromPayload('onebound', 'item_get_pro', wire(ONEBOUND_ITEM_61234567890)),
  };

  it.each(['top', 'aop', 'onebound'] as const)('%s: three tiers, 200 units at 22.00', (dialect) => {
    const offer = offers[dialect];
    expect(offer.priceTiers.map((t) => [t.minQuantity, t.unitPrice.text])).toEqual([
      [5, '25.00'],
      [100, '22.00'],
      [500, '19.00'],
    ]);
    expect(offer.priceRange).toEqual({ min: { text: '19.00', fen: 1900 }, max: { text: '25.00', fen: 2500 } });
    expect(offer.minOrderQuantity).toBe(5);
    expect(unitPriceFor(offer, 200).text).toBe('22.00');
    expect(unitPriceFor(offer, 200).fen).toBe(2200);
    expect(offer.skus[0]?.attributes).toEqual({ 颜色: '白色', 尺码: 'M' });
    // AOP's `subject` is the title itself: the offer has no secondary title there.
    expect(offer.subject).toBe(dialect === 'aop' ? '' : '厂家直销 支持定制 LOGO印制');
  });

  it('TOP carries the credit data; AOP names the supplier only (supplierUserId, supplierLoginId)', () => {
    expect(offers.aop.supplier).toEqual({ id: '78901234', nick: 'XX服装厂' });
    expect(offers.top.supplier).toEqual({
      id: '78901234',
      nick: 'XX服装厂',
      companyName: 'XX服装有限公司',
      creditLevel: 5,
      trustYears: 8,
    });
  });

  it('sorts tiers that arrive out of order', () => {
    const payload = wire(TOP_ITEM_GET_61234567890);
    payload.alibaba_item_get_response.item.step_price.reverse();
    const offer = offerFromPayload('top', 'alibaba.item.get', { item: payload.alibaba_item_get_response.item });
    expect(offer.priceTiers.map((t) => t.minQuantity)).toEqual([5, 100, 500]);
  });
});

describe('item mappers: unexpected shapes are ResponseErrors naming the path', () => {
  function topItem(): Record<string, unknown> {
    return wire(TOP_ITEM_GET_610947572360).alibaba_item_get_response.item as unknown as Record<string, unknown>;
  }

  function rejection(run: () => unknown): ResponseError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ResponseError);
      return error as ResponseError;
    }
    throw new Error('expected a ResponseError');
  }

  it('a missing title', () => {
    const item = topItem();
    delete item.title;
    const error = rejection(() => offerFromPayload('top', 'alibaba.item.get', { item }));
    expect(error.message).toContain('at item.title');
    expect(error.subCode).toBe('item.title');
    expect(error.dialect).toBe('top');
    expect(error.apiName).toBe('alibaba.item.get');
  });

  it('a SKU price that is not an amount', () => {
    const item = topItem();
    (item.sku_infos as { sku_info: Array<Record<string, unknown>> }).sku_info[1]!.price = '7.99.0';
    const error = rejection(() => offerFromPayload('top', 'alibaba.item.get', { item }));
    expect(error.message).toContain('at item.sku_infos.sku_info[1].price');
  });

  it('spec_json that is not JSON', () => {
    const item = topItem();
    (item.sku_infos as { sku_info: Array<Record<string, unknown>> }).sku_info[0]!.spec_json = '{颜色';
    expect(rejection(() => offerFromPayload('top', 'alibaba.item.get', { item })).message).toContain(
      'item.sku_infos.sku_info[0].spec_json',
    );
  });

  it('an AOP answer without productInfo, a TOP payload without item', () => {
    expect(rejection(() => offerFromPayload('aop', 'x/y', { success: true })).message).toContain('at productInfo');
    expect(rejection(() => offerFromPayload('top', 'alibaba.item.get', { request_id: 'r' })).message).toContain(
      'at item',
    );
  });

  it('a OneBound stock that is not a number, an id that lost its digits', () => {
    const item = wire(ONEBOUND_ITEM_GET_PRO_610947572360.item) as unknown as Record<string, unknown>;
    item.num = 'many';
    expect(rejection(() => offerFromPayload('onebound', 'item_get_pro', item)).message).toContain('at item.num');
    const top = topItem();
    top.item_id = Number('9007199254740993'); // what plain JSON.parse makes of a 2^53 + 1 id
    expect(rejection(() => offerFromPayload('top', 'alibaba.item.get', { item: top })).message).toMatch(
      /item\.item_id.*rounded/,
    );
  });

  it('two tiers from the same quantity at different prices', () => {
    const item = topItem();
    item.step_price = [
      { quantity: 2, price: '799.00' },
      { quantity: 2, price: '700.00' },
    ];
    expect(rejection(() => offerFromPayload('top', 'alibaba.item.get', { item })).message).toContain('item.step_price');
  });
});

describe('item mappers: every Offer they build keeps the model invariants', () => {
  // The mappers build tiers, ranges and quantities by construction (sortTiers, priceRangeOf), so the
  // client does not run OfferSchema on every answer; this checks the construction on every fixture.
  const offers = [
    ...Object.values(seedOffers()),
    offerFromPayload('top', 'alibaba.item.get', wire(TOP_ITEM_GET_61234567890).alibaba_item_get_response),
    offerFromPayload('aop', 'com.alibaba.product/alibaba.product.get', wire(AOP_PRODUCT_GET_61234567890)),
    offerFromPayload('onebound', 'item_get_pro', wire(ONEBOUND_ITEM_61234567890)),
  ];

  it.each(offers.map((offer, k) => [k, offer] as const))('offer %i parses as OfferSchema, unchanged', (_k, offer) => {
    const parsed = OfferSchema.safeParse(offer);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(offer);
  });
});
