/** Shop pages (seed 003) in every dialect's envelope, and Qianniu pages (seed 002) → typed pages. */
import { shopPageFromPayload } from '../../../src/methods/search-shop-items';
import { qianniuPageFrom } from '../../../src/methods/mappers/qianniu-page';
import { InvalidRequestError, ResponseError } from '../../../src/index';
import { SEED_003_EXAMPLE_ITEM } from '../../../src/sandbox/fixtures/index';
import { SEED_002_LISTS, SEED_002_NUMBERS, seedXmlAsTopJson } from '../../seeds/load';

const page = {
  page: '1',
  real_total_results: 1900,
  total_results: 1900,
  page_size: 40,
  pagecount: 48,
  item: [SEED_003_EXAMPLE_ITEM, { ...SEED_003_EXAMPLE_ITEM, num_iid: '9007199254740995', price: 0.1 }],
};

describe('shop pages', () => {
  const expected = {
    page: 1,
    pageSize: 40,
    pageCount: 48,
    total: 1900,
    items: [
      {
        id: '628675986215',
        title: '圆形服装店吊牌定做女装衣服吊卡订制800g加厚烘培礼品花卉卡片',
        price: { text: '138.00', fen: 13800 },
        image: SEED_003_EXAMPLE_ITEM.pic_url,
        url: 'https://item.1688.com/item.htm?id=628675986215',
        shopName: '圆形服装店',
      },
      expect.objectContaining({ id: '9007199254740995', price: { text: '0.10', fen: 10 } }),
    ],
  };

  it('reads the same page from TOP and OneBound; refuses AOP, whose answer no public source shows', () => {
    expect(shopPageFromPayload('top', 'item_search_shop', { items: page, request_id: 'x' })).toEqual(expected);
    expect(shopPageFromPayload('onebound', 'item_search_shop', page)).toEqual(expected);
    const aop = () =>
      shopPageFromPayload('aop', 'com.alibaba.product/alibaba.item.search.shop', {
        result: { success: true, toReturn: { items: page } },
      });
    expect(aop).toThrow(InvalidRequestError);
    expect(aop).toThrow(/no public source shows the answer of com\.alibaba\.product\/alibaba\.item\.search\.shop/);
  });

  it('an empty page may come without its list', () => {
    const { item: _item, ...empty } = page;
    expect(shopPageFromPayload('onebound', 'item_search_shop', { ...empty, page: '49' }).items).toEqual([]);
  });

  it('names the path of an unexpected shape', () => {
    const bad = { ...page, item: [{ ...SEED_003_EXAMPLE_ITEM, price: 'free' }] };
    const run = () => shopPageFromPayload('top', 'item_search_shop', { items: bad });
    expect(run).toThrow(ResponseError);
    expect(run).toThrow(/at items\.item\[0\]\.price/);
    expect(() => shopPageFromPayload('top', 'item_search_shop', { items: { ...page, pagecount: 'many' } })).toThrow(
      /at items\.pagecount: expected a whole number/,
    );
  });
});

describe('qianniu pages', () => {
  // Seed 002's response example in its JSON form (tests/seeds/load.ts); its full mapping is checked
  // over HTTP in tests/seeds/seeds-plain.test.ts.
  const payload = (
    JSON.parse(seedXmlAsTopJson('002-qianniu.item.get-response.xml', SEED_002_NUMBERS, SEED_002_LISTS)) as {
      qianniu_item_get_response: Record<string, unknown>;
    }
  ).qianniu_item_get_response;

  it('an empty page leaves item_infos out; a missing total is an error', () => {
    const { item_infos: _infos, ...empty } = payload;
    expect(qianniuPageFrom(empty, { dialect: 'top', apiName: 'q' }).items).toEqual([]);
    const { total_cnt: _total, ...broken } = payload;
    expect(() => qianniuPageFrom(broken, { dialect: 'top', apiName: 'q' })).toThrow(/at total_cnt/);
  });
});
