/**
 * AOP `com.alibaba.product/alibaba.product.get` in its real shape, served by a plain gateway (not the
 * sandbox). No seed prints this answer, so the body below is written from the public SDKs that read
 * it, each field name with its source:
 *   [result] makcent/1688sdk src/com/alibaba/product/param/AlibabaProductGetResult.class.php
 *   [info]   duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductInfo.class.php
 *   [image]  duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductImageInfo.class.php
 *   [sku]    duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductSKUInfo.class.php
 *   [skuAttr] wzhsh90/go1688 models/product/sku.go
 *   [sale]   duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductSaleInfo.class.php
 *   [range], [ship], [attr] wzhsh90/go1688 models/product/product.go
 * The values are made up for the test (ids, prices, names); the image path is the parameter example
 * of [image].
 */
import { InvalidRequestError, MemoryCache, ResponseError, type OpenClient } from '../../src/index';
import { plainClient, plainGateway, type PlainGateway } from '../support/plain-gateway';

const gateways: PlainGateway[] = [];
const clients: OpenClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

const PRODUCT = {
  success: true, // go1688 models/response.go BaseBoolResponse
  productInfo: {
    // [result]
    productID: 'ID', // [info] Long: BODY writes it as the raw JSON number 9007199254740993 (above 2^53)
    subject: '男士纯棉T恤 批发', // [info]
    categoryID: 1031910, // [info]
    categoryName: 'T恤', // [info]
    description: '<p><img src="https://cbu01.alicdn.com/img/ibank/desc/1.jpg" /></p>', // [info]
    image: { images: ['img/ibank/2014/766/624/1652426667_642119312.jpg'] }, // [info], [image]
    skuInfos: [
      // [info]
      {
        skuId: 3935963888523, // [sku]
        specId: 'b265340beb52182c6bcfbff1fad02f0b', // [sku]
        amountOnSale: 1490, // [sku]
        attributes: [
          // [sku]
          { attributeID: 3216, attributeName: '颜色', attributeValue: '白色', skuImageUrl: 'img/ibank/w.jpg' }, // [skuAttr]
          { attributeID: 450, attributeName: '尺码', attributeValue: 'XL' }, // [skuAttr]
        ],
      },
    ],
    saleInfo: {
      // [info], [sale]
      priceRanges: [
        { startQuantity: 3, price: 12.5 }, // [range]
        { startQuantity: 100, price: 11 }, // [range]
      ],
      minOrderQuantity: 3, // [sale]
      unit: '件', // [sale]
      amountOnSale: 29900, // [sale]
      mixWholeSale: true, // [sale]
      quoteType: 2, // [sale] 2: SKUs priced by quantity (the SKU has no price of its own)
    },
    shippingInfo: { sendGoodsAddressText: '浙江省 义乌市', unitWeight: 0.2 }, // [info], [ship]
    attributes: [{ attributeID: 1, attributeName: '材质', value: '棉' }], // [info], [attr]
    supplierUserId: '12345', // [info]
    supplierLoginId: '义乌服装厂', // [info]
  },
};
const BODY = JSON.stringify(PRODUCT).replace('"productID":"ID"', '"productID":9007199254740993');

async function serving(answer: (index: number) => string): Promise<{ gateway: PlainGateway; client: OpenClient }> {
  const gateway = await plainGateway((_seen, index) => ({ body: answer(index) }));
  gateways.push(gateway);
  const client = plainClient(gateway, 'aop', { responseCache: { store: new MemoryCache(), ttlMs: 60_000 } });
  clients.push(client);
  return { gateway, client };
}

describe('AOP alibaba.product.get through a plain gateway', () => {
  it('maps productInfo to the Offer: tiers, MOQ, unit, SKU specs, images, supplier, exact id', async () => {
    const { gateway, client } = await serving(() => BODY);
    const offer = await client.getItem('9007199254740993');
    expect(offer).toMatchObject({
      id: '9007199254740993',
      title: '男士纯棉T恤 批发',
      subject: '',
      unit: '件',
      minOrderQuantity: 3,
      stock: 29900,
      mixBatch: { supported: true },
      category: { id: '1031910', name: 'T恤' },
      location: '浙江省 义乌市',
      images: ['https://cbu01.alicdn.com/img/ibank/2014/766/624/1652426667_642119312.jpg'],
      descriptionImages: ['https://cbu01.alicdn.com/img/ibank/desc/1.jpg'],
      attributes: [{ name: '材质', value: '棉' }],
      supplier: { id: '12345', nick: '义乌服装厂' },
    });
    expect(offer.priceTiers.map((t) => [t.minQuantity, t.unitPrice.text])).toEqual([
      [3, '12.50'],
      [100, '11.00'],
    ]);
    // quoteType 2: the SKU has no price of its own; it costs what the first range says.
    expect(offer.skus).toEqual([
      {
        skuId: '3935963888523',
        specId: 'b265340beb52182c6bcfbff1fad02f0b',
        price: { text: '12.50', fen: 1250 },
        stock: 1490,
        attributes: { 颜色: '白色', 尺码: 'XL' },
      },
    ]);
    expect(gateway.seen[0]).toMatchObject({
      url: '/openapi/param2/1/com.alibaba.product/alibaba.product.get/12345678',
      params: { productID: '9007199254740993', webSite: '1688' },
    });
  });

  it('success:false is an error with the server text verbatim, and is not cached', async () => {
    const { gateway, client } = await serving(() => JSON.stringify({ success: false, errMsg: '商品不存在或已下架' }));
    const error = await client.getItem('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ dialect: 'aop', serverMessage: '商品不存在或已下架', code: 'success-false' });
    expect((error as Error).message).toContain('商品不存在或已下架');
    await client.getItem('1').catch(() => undefined);
    expect(gateway.seen).toHaveLength(2);
  });

  it('a malformed answer is a ResponseError, is not cached, and the next call asks the gateway again', async () => {
    const { gateway, client } = await serving((index) =>
      index === 0
        ? JSON.stringify({ success: true, productInfo: { ...PRODUCT.productInfo, productID: 1, subject: 42 } })
        : BODY,
    );
    const error = await client.getItem('9007199254740993').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toContain('at productInfo.subject');
    const offer = await client.getItem('9007199254740993');
    expect(offer.title).toBe('男士纯棉T恤 批发');
    expect(gateway.seen).toHaveLength(2);
    // Now the good answer is cached: no third request.
    await client.getItem('9007199254740993');
    expect(gateway.seen).toHaveLength(2);
  });

  it('an answer without productInfo names the missing path', async () => {
    const { client } = await serving(() => JSON.stringify({ success: true }));
    await expect(client.getItem('1')).rejects.toThrow(/at productInfo: missing/);
  });

  it('the shop search is refused before sending: no public source shows its answer', async () => {
    const { gateway, client } = await serving(() => BODY);
    await expect(client.searchShopItems({ sellerNick: 'b2b-2200733087881719de' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(() => client.iterateShopItems({ sellerNick: 'b2b-2200733087881719de' })).toThrow(
      /no public source shows the answer of com\.alibaba\.product\/alibaba\.item\.search\.shop/,
    );
    expect(gateway.seen).toHaveLength(0);
  });
});
