import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { aopParams, aopPath, DEMO, form, http, topParams } from './http';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ limits: false });
});
afterAll(() => sb.close());

interface Offer {
  title: string;
  skus: Array<[string, string, Record<string, string>]>;
  nick: string;
  location: string;
  descImages: string[];
  props: Array<{ name: string; value: string }>;
}

/** The offer as each dialect's body gives it, reduced to the business content the mappers must agree on. */
function fromProduct(item: Record<string, unknown>): Offer {
  const skus = (item.sku_infos as { sku_info: Array<{ sku_id: string; price: string; spec_json: string }> }).sku_info;
  return {
    title: item.title as string,
    skus: skus.map((s) => [s.sku_id, s.price, JSON.parse(s.spec_json) as Record<string, string>]),
    nick: (item.seller as { nick: string }).nick,
    location: item.location as string,
    descImages: item.desc_img as string[],
    props: item.trade_props as Offer['props'],
  };
}

/** AOP's productInfo (field names: src/methods/mappers/aop-product.ts); prices are Doubles there. */
function fromAop(info: Record<string, unknown>): Offer {
  const skus = info.skuInfos as Array<{
    skuId: number;
    price: number;
    attributes: Array<{ attributeName: string; attributeValue: string }>;
  }>;
  return {
    title: info.subject as string,
    skus: skus.map((s) => [
      String(s.skuId),
      s.price.toFixed(2),
      Object.fromEntries(s.attributes.map((a) => [a.attributeName, a.attributeValue])),
    ]),
    nick: info.supplierLoginId as string,
    location: (info.shippingInfo as { sendGoodsAddressText: string }).sendGoodsAddressText,
    descImages: [...(info.description as string).matchAll(/<img\b[^>]*?\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    props: (info.attributes as Array<{ attributeName: string; value: string }>).map((a) => ({
      name: a.attributeName,
      value: a.value,
    })),
  };
}

function fromOneBound(item: Record<string, unknown>): Offer {
  const skus = (item.skus as { sku: Array<{ sku_id: string; price: string; properties_name: string }> }).sku;
  return {
    title: item.title as string,
    skus: skus.map((s) => [
      s.sku_id,
      s.price,
      Object.fromEntries(s.properties_name.split(';').map((p) => p.split(':').slice(2) as [string, string])),
    ]),
    nick: (item.seller_info as { nick: string }).nick,
    location: item.location as string,
    descImages: item.desc_img as string[],
    props: item.props as Offer['props'],
  };
}

it('serves item 610947572360 with the same business content in all three dialects', async () => {
  const top = await http(
    `${sb.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '610947572360' }))}`,
  );
  const path = aopPath('com.alibaba.product/alibaba.product.get');
  const aop = await http(sb.urls.aop + path, form(aopParams(path, { productID: '610947572360' })));
  const ob = await http(
    `${sb.urls.onebound}1688/item_get_pro/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=610947572360`,
  );

  const offers = [
    fromProduct(JSON.parse(top.text).alibaba_item_get_response.item),
    fromAop(JSON.parse(aop.text).productInfo),
    fromOneBound(JSON.parse(ob.text).item),
  ];
  expect(offers[1]).toEqual(offers[0]);
  expect(offers[2]).toEqual(offers[0]);
  const [offer] = offers;
  expect(offer!.nick).toBe('qin多亲科技');
  expect(offer!.location).toBe('广东省 深圳市');
  expect(offer!.descImages).toHaveLength(38);
  expect(offer!.skus.map(([, , spec]) => Object.keys(spec))).toEqual([
    ['机身内存', '颜色'],
    ['机身内存', '颜色'],
  ]);
});

it('gives each dialect its own not-found error for an unknown item', async () => {
  const top = JSON.parse(
    (await http(`${sb.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '5' }))}`)).text,
  );
  expect(top.error_response).toMatchObject({ code: 15, sub_code: 'isv.item-not-exist' });
  const path = aopPath('com.alibaba.product/alibaba.product.get');
  const aop = await http(sb.urls.aop + path, form(aopParams(path, { productID: '5' })));
  expect([aop.status, JSON.parse(aop.text).error_code]).toEqual([404, 'gw.ResourceNotFound']);
  const ob = JSON.parse(
    (await http(`${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=5`)).text,
  );
  expect(ob).toMatchObject({ error: 'item-not-found', reason: '商品没找到', error_code: '2000' });
});
