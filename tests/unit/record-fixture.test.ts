/** The fixture file's identity and text: what the recorder writes and the sandbox looks up must agree. */
import { businessParams, fixtureFileName, fixtureKey, fixtureSchema, fixtureText } from '../../src/record/fixture';

describe('fixture identity', () => {
  it('leaves out common parameters and every credential, per dialect', () => {
    const top = { method: 'a.b', app_key: '1', timestamp: 't', format: 'json', v: '2.0', sign_method: 'md5' };
    expect(businessParams('top', { ...top, session: 's', sign: 'S', item_id: '9' })).toEqual({ item_id: '9' });
    expect(
      businessParams('aop', { _aop_timestamp: '1', _aop_signature: 'S', access_token: 't', productID: '9' }),
    ).toEqual({
      productID: '9',
    });
    expect(businessParams('onebound', { key: 'k', secret: 's', num_iid: '9', lang: 'en' })).toEqual({
      lang: 'en',
      num_iid: '9',
    });
  });

  it('the same call gives the same key and file name whatever the parameter order or signature', () => {
    const a = fixtureFileName('top', 'alibaba.item.get', { item_id: '9', fields: 'x', sign: 'AAA', timestamp: '1' });
    const b = fixtureFileName('top', 'alibaba.item.get', { fields: 'x', timestamp: '2', sign: 'BBB', item_id: '9' });
    expect(a).toBe(b);
    expect(a).toMatch(/^top\.alibaba\.item\.get\.[0-9a-f]{16}\.json$/);
    expect(fixtureFileName('aop', 'com.alibaba.product/alibaba.product.get', {})).toMatch(
      /^aop\.com\.alibaba\.product_alibaba\.product\.get\./,
    );
    // The same API name on two gateways (item_search_shop) is two fixtures.
    expect(fixtureKey('top', 'item_search_shop', {})).not.toBe(fixtureKey('onebound', 'item_search_shop', {}));
    expect(fixtureKey('top', 'a.b', { x: '1' })).not.toBe(fixtureKey('top', 'a.b', { x: '2' }));
  });

  it('writes fields in a fixed order and sorted parameters, and reads back what it wrote', () => {
    const fixture = {
      body: '{"a_b_response":{"id":9007199254740993}}',
      status: 200,
      params: { z: '1', a: '2' },
      api: 'a.b',
      dialect: 'top' as const,
      format: 'open1688-fixture/1' as const,
    };
    const text = fixtureText(fixture);
    expect(text).toBe(
      '{\n  "format": "open1688-fixture/1",\n  "dialect": "top",\n  "api": "a.b",\n' +
        '  "params": {\n    "a": "2",\n    "z": "1"\n  },\n  "status": 200,\n' +
        '  "body": "{\\"a_b_response\\":{\\"id\\":9007199254740993}}"\n}\n',
    );
    // The body is text: an id above 2^53 survives untouched.
    expect(fixtureSchema.parse(JSON.parse(text)).body).toBe(fixture.body);
  });
});
