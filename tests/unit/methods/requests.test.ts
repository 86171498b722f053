/** Request schemas: what each method sends per dialect, and every rejection naming field and rule. */
import { getItemRequest } from '../../../src/methods/get-item';
import { qianniuRequest } from '../../../src/methods/get-qianniu-items';
import { shopSearchRequest } from '../../../src/methods/search-shop-items';
import { InvalidRequestError } from '../../../src/index';

function rejection(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('getItem requests', () => {
  it('addresses each dialect with its own API and id parameter', () => {
    expect(getItemRequest('top', '610947572360')).toEqual({
      apiName: 'alibaba.item.get',
      params: { item_id: '610947572360' },
    });
    expect(getItemRequest('aop', 610947572360)).toEqual({
      apiName: 'com.alibaba.product/alibaba.product.get',
      params: { productID: '610947572360', webSite: '1688' },
    });
    expect(getItemRequest('onebound', 9007199254740993n)).toEqual({
      apiName: 'item_get_pro',
      params: { num_iid: '9007199254740993' },
    });
  });

  it('passes the OneBound options through, its cache=yes|no included', () => {
    const request = getItemRequest('onebound', '1', {
      salesData: true,
      agent: true,
      lang: 'en',
      oneboundCache: false,
      oneboundApi: 'item_get',
    });
    expect(request).toEqual({
      apiName: 'item_get',
      params: { num_iid: '1', sales_data: '1', agent: '1', lang: 'en', cache: 'no' },
    });
    // The client's default lang is made explicit (so that it is part of the cache key).
    expect(getItemRequest('onebound', '1', {}, { lang: 'ru' }).params.lang).toBe('ru');
  });

  it('TOP fields always include the ones the Offer needs', () => {
    const fields = getItemRequest('top', '1', { fields: ['step_price', 'sku_infos'] }).params.fields!.split(',');
    expect(fields).toEqual(expect.arrayContaining(['item_id', 'title', 'price', 'step_price', 'sku_infos']));
    expect(new Set(fields).size).toBe(fields.length);
  });

  it.each([
    ['', /"itemId": must not be empty/],
    ['12a', /"itemId": must be the decimal digits/],
    ['-5', /"itemId": must be the decimal digits/],
    [Number('9007199254740993'), /"itemId": .*pass the id as a string/],
    [1.5, /"itemId": .*pass the id as a string/],
    [0n, /"itemId": must be a positive id/],
    [null, /"itemId": must be a string of digits/],
  ])('rejects the id %p', (id, message) => {
    const error = rejection(() => getItemRequest('top', id as string));
    expect(error.message).toMatch(message);
    expect(error.subCode).toBe('itemId');
  });

  it('rejects unknown and malformed options, naming them', () => {
    expect(rejection(() => getItemRequest('top', '1', { feilds: 'x' } as never)).message).toMatch(
      /"feilds": is not a parameter/,
    );
    expect(rejection(() => getItemRequest('onebound', '1', { lang: 'de' } as never)).message).toMatch(
      /"lang": must be cn, en or ru/,
    );
    expect(rejection(() => getItemRequest('top', '1', { fields: ['ok', 'no way'] })).message).toMatch(
      /"fields": "no way" is not a field name/,
    );
    expect(getItemRequest('top', '1', { fields: 'title,desc_img' }).params.fields).toContain('desc_img');
  });
});

describe('shop search requests', () => {
  const base = { sellerNick: 'b2b-2200733087881719de' };

  it('sends page and page_size explicitly, prices as exact yuan', () => {
    expect(shopSearchRequest('top', base)).toEqual({
      apiName: 'item_search_shop',
      params: { seller_nick: base.sellerNick, page: '1', page_size: '40' },
    });
    const request = shopSearchRequest('onebound', {
      ...base,
      q: '手机壳',
      startPrice: 10,
      endPrice: '99.9',
      sort: '_price',
      page: 3,
      pageSize: 100,
    });
    expect(request.apiName).toBe('item_search_shop');
    expect(request.params).toEqual({
      seller_nick: base.sellerNick,
      q: '手机壳',
      start_price: '10.00',
      end_price: '99.90',
      sort: '_price',
      page: '3',
      page_size: '100',
    });
    // No public source shows the AOP listing's answer: refused before anything is built (issue 13).
    expect(() => shopSearchRequest('aop', base)).toThrow(/no public source shows the answer/);
  });

  it.each([
    [{ sellerNick: '' }, 'sellerNick', /must not be empty/],
    [{ ...base, pageSize: 500 }, 'pageSize', /must be at most 100/],
    [{ ...base, pageSize: 0 }, 'pageSize', /at least 1/],
    [{ ...base, page: 1.5 }, 'page', /whole number/],
    [{ ...base, sort: 'cheap' }, 'sort', /must be one of price, _price, sale/],
    [{ ...base, startPrice: -1 }, 'startPrice', /must not be negative/],
    [{ ...base, endPrice: '-0.5' }, 'endPrice', /must not be negative/],
    [{ ...base, startPrice: 0.001 }, 'startPrice', /fraction of a fen/],
    [{ ...base, startPrice: 50, endPrice: '49.99' }, 'startPrice', /must not exceed endPrice \(50.00 > 49.99\)/],
    [{ ...base, pagesize: 10 }, 'pagesize', /is not a parameter/],
  ])('rejects %p', (params, field, rule) => {
    const error = rejection(() => shopSearchRequest('top', params as never));
    expect(error.subCode).toBe(field);
    expect(error.message).toContain(`"${field}"`);
    expect(error.message).toMatch(rule);
  });
});

describe('qianniu requests', () => {
  it('maps camelCase to the snake_case of seed 002', () => {
    expect(
      qianniuRequest('top', {
        userId: '65753801',
        subUserId: 65753801,
        page: 2,
        pageSize: 10,
        fields: ['title', 'price'],
        type: 3,
        id: 100,
        ltimestamp: 122324343,
        direction: -1,
      }),
    ).toEqual({
      user_id: '65753801',
      sub_user_id: '65753801',
      page: '2',
      page_size: '10',
      fields: 'title,price',
      type: '3',
      id: '100',
      ltimestamp: '122324343',
      direction: '-1',
    });
  });

  it('is a TOP API, and rejects bad parameters by name', () => {
    expect(rejection(() => qianniuRequest('aop', {})).message).toMatch(/TOP API/);
    expect(rejection(() => qianniuRequest('top', { direction: 2 as never })).subCode).toBe('direction');
    expect(rejection(() => qianniuRequest('top', { pageSize: 101 })).subCode).toBe('pageSize');
    expect(rejection(() => qianniuRequest('top', { userId: 'me' })).subCode).toBe('userId');
  });
});
