/**
 * The seeds' bodies, served verbatim (after the one repair load.ts names) by a plain node:http server
 * (tests/support/plain-gateway.ts, not the sandbox), read by the typed method that owns each one. The
 * expected values are the ones the seed prints.
 */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  OpenApiError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ServiceError,
  SignatureError,
  type OpenClient,
} from '../../src/index';
import type { OpenApiErrorClass } from '../../src/errors';
import { ONEBOUND_CODES } from '../../src/dialects/onebound-codes';
import { ROUTER_1688_CODES } from '../../src/dialects/router-codes';
import type { Dialect } from '../../src/errors';
import { plainClient, plainGateway, type PlainGateway } from '../support/plain-gateway';
import {
  seed000Codes,
  seed003RequestParams,
  seed004Codes,
  seedBody,
  seedJson,
  seedText,
  seedXmlAsTopJson,
  SEED_002_LISTS,
  SEED_002_NUMBERS,
  SEED_JSON,
  type SeedJsonFile,
} from './load';

const gateways: PlainGateway[] = [];
const clients: OpenClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

/** A plain gateway that answers every request with `body`, and a client of `dialect` pointed at it. */
async function serving(dialect: Dialect, body: string | ((index: number) => string)) {
  const gateway = await plainGateway((_seen, index) => ({ body: typeof body === 'string' ? body : body(index) }));
  gateways.push(gateway);
  const client = plainClient(gateway, dialect);
  clients.push(client);
  return { gateway, client };
}

async function failure(promise: Promise<unknown>): Promise<OpenApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OpenApiError)) throw new Error(`expected an OpenApiError, got ${String(error)}`);
  return error;
}

describe('the stored examples', () => {
  it.each(Object.keys(SEED_JSON) as SeedJsonFile[])('%s is JSON after its one repair (if any)', (file) => {
    expect(() => JSON.parse(seedBody(file))).not.toThrow();
  });

  it('the repairs are needed: the printed 003 and 004 bodies are not JSON as they stand', () => {
    expect(() => JSON.parse(seedText('003-item_search_shop-response.json'))).toThrow(SyntaxError);
    expect(() => JSON.parse(seedText('004-alibaba.item.get-response.json'))).toThrow(SyntaxError);
    expect(() => JSON.parse(seedText('000-item_get_pro-request-js-sdk.json'))).toThrow(SyntaxError);
    // ...and the files are kept as printed (the artefacts are still there).
    expect(seedText('003-item_search_shop-response.json')).toMatch(/^"items": \{ \|$/m);
    expect(seedText('004-alibaba.item.get-response.json')).toContain('"item_id": "61234567890", // 商品ID');
  });
});

describe('seed 000: OneBound item_get_pro of item 610947572360', () => {
  it('getItem reads the printed answer: title, price, MOQ, unit, SKUs, seller, images', async () => {
    const { gateway, client } = await serving('onebound', seedBody('000-item_get_pro-response.json'));
    const offer = await client.getItem('610947572360');
    expect(offer.id).toBe('610947572360');
    expect(offer.title).toBe('厂家直销小米有品Qin2 Pro智能手机学生机老人机备用机小爱同学4G');
    expect(offer.priceRange).toEqual({ min: { text: '799.00', fen: 79900 }, max: { text: '799.00', fen: 79900 } });
    expect(offer.minOrderQuantity).toBe(2); // min_num "2"
    expect(offer.unit).toBe('部');
    expect(offer.stock).toBe(1763); // num "1763"
    expect(offer.priceTiers).toEqual([]); // the seed prints no tier table
    expect(offer.skus).toEqual([
      {
        skuId: '4309097072612',
        specId: '63828b15ad641fdb131775f32e4c050c',
        price: { text: '799.00', fen: 79900 },
        stock: 932,
        sold: 55,
        attributes: { 机身内存: '64GB', 颜色: '瓷白色' },
      },
      {
        skuId: '4302217872901',
        specId: '0eb631954bfe8fb00a45824fc6193f2f',
        price: { text: '799.00', fen: 79900 },
        stock: 831,
        sold: 159,
        attributes: { 机身内存: '64GB', 颜色: '铁灰色' },
      },
    ]);
    expect(offer.supplier).toMatchObject({ id: '2206619673102', nick: 'qin多亲科技' });
    expect(offer.location).toBe('广东省 深圳市');
    expect(offer.category?.id).toBe('50903');
    expect(offer.images).toHaveLength(5);
    expect(offer.images[0]).toBe('https://cbu01.alicdn.com/img/ibank/2020/063/830/13235038360_979836901.jpg');
    expect(offer.descriptionImages).toHaveLength(38);
    expect(offer.attributes).toHaveLength(23);
    expect(offer.attributes[0]).toEqual({ name: '品牌', value: '多亲' });
    // The request: the API in the path and the parameters of the seed's JS request examples.
    const fetchBody = seedJson<Record<string, string>>('000-item_get_pro-request-fetch-body.json');
    const jsSdk = seedJson<{ api_name: string; api_params: Record<string, string> }>(
      '000-item_get_pro-request-js-sdk.json',
    );
    expect(gateway.seen).toHaveLength(1);
    expect(gateway.seen[0]!.url).toBe(`/1688/${jsSdk.api_name}/`);
    expect(gateway.seen[0]!.params).toMatchObject({ ...fetchBody, ...jsSdk.api_params });
  });

  it('the printed 异常示例 (2000, 商品没找到): NotFoundError on an item, an empty page on a search', async () => {
    const { client } = await serving('onebound', seedBody('000-item_get_pro-error-2000.json'));
    const error = await failure(client.getItem('610947572360'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: '2000',
      subCode: 'item-not-found',
      serverMessage: '商品没找到',
      requestId: '15ee0ffc041242',
      dialect: 'onebound',
    });
    const page = await client.searchShopItems({ sellerNick: 'b2b-2200733087881719de' });
    expect(page).toEqual({ items: [], page: 1, pageSize: 40, pageCount: 0, total: 0 });
  });

  // One class per row of seed 000's 错误码解释 table (0000 is success).
  const ONEBOUND_CLASSES: Record<string, OpenApiErrorClass> = {
    '2000': NotFoundError,
    '4000': ServiceError,
    '4001': ServiceError,
    '4002': ServiceError,
    '4003': InvalidRequestError,
    '4004': AuthenticationError,
    '4005': AuthenticationError,
    '4006': PermissionError,
    '4007': AuthenticationError,
    '4008': RateLimitError,
    '4009': ServiceError,
    '4010': NotFoundError,
    '4012': PermissionError,
    '4013': QuotaExceededError,
    '4014': InvalidRequestError,
    '4015': InvalidRequestError,
    '4016': QuotaExceededError,
    '4017': ServiceError,
    '5000': ServiceError,
  };

  it('every code of the printed table has a class, in this test and in the SDK', () => {
    const printed = [...seed000Codes().keys()].filter((code) => code !== '0000');
    expect(printed).toHaveLength(19);
    expect(Object.keys(ONEBOUND_CLASSES).sort()).toEqual([...printed].sort());
    expect(Object.keys(ONEBOUND_CODES).sort()).toEqual([...printed].sort());
  });

  it.each(Object.entries(ONEBOUND_CLASSES))('error_code %s in the printed error body → %p', async (code, type) => {
    const body = { ...seedJson('000-item_get_pro-error-2000.json'), error_code: code };
    const { client } = await serving('onebound', JSON.stringify(body));
    const error = await failure(client.getItem('610947572360'));
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.serverMessage).toBe('商品没找到');
  });
});

describe('seed 002: TOP taobao.qianniu.item.get', () => {
  it('getQianniuItems reads the printed answer: page, total, list type, cursor, the one item', async () => {
    const body = seedXmlAsTopJson('002-qianniu.item.get-response.xml', SEED_002_NUMBERS, SEED_002_LISTS);
    const { gateway, client } = await serving('top', body);
    const page = await client.getQianniuItems({ page: 1, pageSize: 10, type: 3 });
    expect(page).toEqual({
      items: [
        {
          id: '123',
          title: 'demo',
          price: { text: '1234.00', fen: 123400 },
          image: 'http://...',
          url: 'http://...',
          sales: 123,
          stock: 100,
        },
      ],
      page: 1,
      total: 123,
      type: 3,
      name: 'new',
      id: '12',
      timestamp: 122324343,
    });
    expect(gateway.apis()).toEqual(['taobao.qianniu.item.get']);
  });

  it('the printed 异常示例 (50 / isv.invalid-parameter / 非法参数) is an InvalidRequestError', async () => {
    const body = seedXmlAsTopJson('002-qianniu.item.get-error.xml', new Set(['code']), new Set());
    const { client } = await serving('top', body);
    const error = await failure(client.getQianniuItems());
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({
      code: '50',
      subCode: 'isv.invalid-parameter',
      serverMessage: 'Remote service error',
      subMessage: '非法参数',
    });
  });
});

describe('seed 003: item_search_shop on the 1688 router', () => {
  const expectedPage = {
    page: 1,
    pageSize: 40,
    pageCount: 48,
    total: 1900,
    items: [
      {
        id: '628675986215',
        title: '圆形服装店吊牌定做女装衣服吊卡订制800g加厚烘培礼品花卉卡片',
        price: { text: '138.00', fen: 13800 },
        image: 'https://cbu01.alicdn.com/img/ibank/2020/386/208/22202802683_1873238575.search.jpg',
        url: 'https://item.1688.com/item.htm?id=628675986215',
        shopName: '圆形服装店',
      },
    ],
  };

  it('searchShopItems reads the printed answer as it stands, without a *_response wrapper', async () => {
    const { gateway, client } = await serving('top', seedBody('003-item_search_shop-response.json'));
    expect(await client.searchShopItems({ sellerNick: 'b2b-2200733087881719de' })).toEqual(expectedPage);
    // The request carries every parameter of the seed's Python example, with its fixed values.
    const printed = seed003RequestParams();
    const sent = gateway.seen[0]!.params;
    expect(Object.keys(sent)).toEqual(expect.arrayContaining(Object.keys(printed)));
    for (const key of ['method', 'format', 'v', 'sign_method', 'seller_nick', 'page', 'page_size']) {
      expect([key, sent[key]]).toEqual([key, printed[key]]);
    }
  });

  it('and the same answer inside the item_search_shop_response wrapper', async () => {
    const wrapped = JSON.stringify({ item_search_shop_response: seedJson('003-item_search_shop-response.json') });
    const { client } = await serving('top', wrapped);
    expect(await client.searchShopItems({ sellerNick: 'b2b-2200733087881719de' })).toEqual(expectedPage);
  });
});

describe('seed 004: TOP alibaba.item.get of item 61234567890', () => {
  it('getItem reads the printed answer: tiers, MOQ, unit, the SKU, the supplier and its credit', async () => {
    const { gateway, client } = await serving('top', seedBody('004-alibaba.item.get-response.json'));
    const offer = await client.getItem('61234567890');
    expect(offer).toMatchObject({
      id: '61234567890',
      title: '2024新款夏季T恤 纯棉短袖 批发定制',
      subject: '厂家直销 支持定制 LOGO印制',
      unit: '件',
      stock: 10000,
      minOrderQuantity: 5,
      category: { id: '1234' },
      images: ['https://cbu01.alicdn.com/img/ibank/2024/123/456/789/012/abcdef.jpg'],
      attributes: [
        { name: '货源类别', value: '现货' },
        { name: '是否支持OEM', value: '是' },
      ],
      supplier: { id: '78901234', nick: 'XX服装厂', companyName: 'XX服装有限公司', creditLevel: 5, trustYears: 8 },
    });
    expect(offer.priceTiers.map((t) => [t.minQuantity, t.unitPrice.text])).toEqual([
      [5, '25.00'],
      [100, '22.00'],
      [500, '19.00'],
    ]);
    expect(offer.priceRange).toEqual({ min: { text: '19.00', fen: 1900 }, max: { text: '25.00', fen: 2500 } });
    expect(offer.skus).toEqual([
      { skuId: '123456789', price: { text: '25.00', fen: 2500 }, stock: 3000, attributes: { 颜色: '白色', 尺码: 'M' } },
    ]);
    expect(gateway.seen[0]!.params).toMatchObject({ method: 'alibaba.item.get', item_id: '61234567890' });
  });

  // Seed 004's 常见错误及解决方案, one class per row, the same on both 1688-facing dialects.
  const ROUTER_CLASSES: Record<string, [OpenApiErrorClass, boolean]> = {
    '100': [AuthenticationError, false],
    '101': [SignatureError, false],
    '110': [PermissionError, false],
    '200': [NotFoundError, false],
    '429': [RateLimitError, true],
    '500': [ServiceError, true],
  };

  it('every code of the printed table has a class, in this test and in the SDK', () => {
    const printed = [...seed004Codes().keys()].sort();
    expect(printed).toEqual(['100', '101', '110', '200', '429', '500']);
    expect(Object.keys(ROUTER_CLASSES).sort()).toEqual(printed);
    expect(Object.keys(ROUTER_1688_CODES).sort()).toEqual(printed);
  });

  it.each([...seed004Codes()])('%s %s: the same class from TOP and from AOP', async (code, text) => {
    const [type, retryable] = ROUTER_CLASSES[code]!;
    const top = await serving('top', JSON.stringify({ error_response: { code: Number(code), msg: text } }));
    const aop = await serving('aop', JSON.stringify({ error_code: code, error_message: text }));
    const errors = [await failure(top.client.getItem('61234567890')), await failure(aop.client.getItem('61234567890'))];
    for (const error of errors) {
      expect(error).toBeInstanceOf(type);
      expect(error.constructor).not.toBe(OpenApiError);
      expect(error).toMatchObject({ code, serverMessage: text, retryable });
    }
  });
});
