import { seedJson } from '../../seeds/load';
import {
  AOP_PRODUCT_GET_610947572360,
  ONEBOUND_ITEM_GET_PRO_610947572360,
  TOP_ITEM_GET_610947572360,
  TOP_ITEM_61234567890,
} from '../../../src/sandbox/fixtures';

// The seed documents are the source of truth: their examples, extracted verbatim into tests/seeds.
describe('fixtures against the seed documents', () => {
  it('the OneBound fixture is seed 000 verbatim, nothing added', () => {
    expect(ONEBOUND_ITEM_GET_PRO_610947572360).toEqual(seedJson('000-item_get_pro-response.json'));
  });

  it('the TOP fixture of item 61234567890 is seed 004 verbatim', () => {
    const seed = seedJson<{ alibaba_item_get_response: { item: unknown } }>('004-alibaba.item.get-response.json');
    expect(TOP_ITEM_61234567890).toEqual(seed.alibaba_item_get_response.item);
  });
});

describe('the seed item is the same offer in every dialect', () => {
  const top = TOP_ITEM_GET_610947572360.alibaba_item_get_response.item;
  const aop = AOP_PRODUCT_GET_610947572360.productInfo;
  const ob = ONEBOUND_ITEM_GET_PRO_610947572360.item;

  it('has the same title, seller, location, images and props', () => {
    expect(top.title).toBe(ob.title);
    expect(top.seller.nick).toBe('qin多亲科技');
    expect(ob.seller_info.nick).toBe('qin多亲科技');
    expect(top.location).toBe('广东省 深圳市');
    expect(ob.location).toBe(top.location);
    expect(top.desc_img).toHaveLength(38);
    expect(top.desc_img).toEqual(ob.desc_img);
    expect(top.trade_props).toEqual(ob.props);
    // AOP's productInfo (aop-product.ts) carries the same offer in its own field names.
    expect(aop.subject).toBe(top.title);
    expect(aop.supplierLoginId).toBe(top.seller.nick);
    expect(aop.shippingInfo.sendGoodsAddressText).toBe(top.location);
    expect(aop.attributes.map((a) => ({ name: a.attributeName, value: a.value }))).toEqual(top.trade_props);
    expect(aop.image.images.map((path) => `https://cbu01.alicdn.com/${path}`)).toEqual(top.pic_urls);
    expect(aop.skuInfos.map((s) => [String(s.skuId), s.price, s.amountOnSale])).toEqual(
      top.sku_infos.sku_info.map((s) => [s.sku_id, Number(s.price), s.quantity]),
    );
  });

  it('has the same two SKUs with 机身内存 and 颜色', () => {
    const fromTop = top.sku_infos.sku_info.map((s) => [s.sku_id, s.price, s.quantity, JSON.parse(s.spec_json)]);
    const fromOb = ob.skus.sku.map((s) => [
      s.sku_id,
      s.price,
      Number(s.quantity),
      Object.fromEntries(s.properties_name.split(';').map((p) => p.split(':').slice(2))),
    ]);
    expect(fromTop).toEqual(fromOb);
    expect(fromTop).toHaveLength(2);
    expect(Object.keys(fromTop[0]![3])).toEqual(['机身内存', '颜色']);
  });
});

it('the seed 004 fixture keeps its tiered prices and seller credit', () => {
  expect(TOP_ITEM_61234567890.step_price.map((s) => s.quantity)).toEqual([5, 100, 500]);
  expect(TOP_ITEM_61234567890.seller).toMatchObject({ credit_level: 5, year: 8 });
  expect(JSON.parse(TOP_ITEM_61234567890.sku_infos.sku_info[0]!.spec_json)).toEqual({ 颜色: '白色', 尺码: 'M' });
});
