import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { DEMO, http } from './http';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    limits: false,
    apps: [
      { appKey: DEMO.appKey, appSecret: DEMO.secret },
      { appKey: 'quota', appSecret: 'q-secret', dailyQuota: 2 },
      { appKey: 'broke', appSecret: 'b-secret', balance: 1 },
    ],
  });
});
afterAll(() => sb.close());

async function ob(api: string, query: Record<string, string>) {
  const answer = await http(`${sb.urls.onebound}1688/${api}/?${new URLSearchParams(query)}`);
  expect(answer.status).toBe(200); // OneBound reports every error in the body
  return { text: answer.text, body: JSON.parse(answer.text) as Record<string, unknown> };
}

const creds = { key: DEMO.appKey, secret: DEMO.secret };

describe('OneBound item_get_pro / item_get', () => {
  it('serves seed 000 with the envelope fields, the secret never echoed', async () => {
    for (const api of ['item_get_pro', 'item_get']) {
      const { text, body } = await ob(api, { ...creds, num_iid: '610947572360', cache: 'no', lang: 'cn' });
      expect(body).toMatchObject({ error: '', reason: '', error_code: '0000', api_type: '1688' });
      expect(body.call_args).toEqual({ num_iid: '610947572360' });
      expect(typeof body.request_id).toBe('string');
      expect(typeof body.execution_time).toBe('number');
      expect(String(body.api_info)).toMatch(/^today:\d+ max:10000$/);
      const item = body.item as { skus: { sku: unknown[] }; desc_img: unknown[]; seller_info: { nick: string } };
      expect(item.skus.sku).toHaveLength(2);
      expect(item.desc_img).toHaveLength(38);
      expect(item.seller_info.nick).toBe('qin多亲科技');
      expect(text).not.toContain(DEMO.secret);
    }
  });

  it('result_type=json escapes Chinese as \\uXXXX like PHP, jsonu writes UTF-8', async () => {
    const json = await ob('item_get', { ...creds, num_iid: '610947572360' });
    expect([...json.text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    const jsonu = await ob('item_get', { ...creds, num_iid: '610947572360', result_type: 'jsonu' });
    expect(jsonu.text).toContain('qin多亲科技');
    expect(json.body).toMatchObject({ item: { title: (jsonu.body.item as { title: string }).title } });
  });

  it('accepts parameters as a JSON POST body, as seed 000 shows for fetch', async () => {
    const answer = await http(`${sb.urls.onebound}1688/item_get_pro/?key=${DEMO.appKey}&secret=${DEMO.secret}`, {
      method: 'POST',
      body: JSON.stringify({ num_iid: '61234567890' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(JSON.parse(answer.text)).toMatchObject({
      error_code: '0000',
      item: { num_iid: '61234567890', min_num: '5' },
    });
  });
});

describe('OneBound error codes (seed 000 table)', () => {
  it.each([
    ['an unknown item', 'item_get', { ...creds, num_iid: '1' }, '2000', 'item-not-found'],
    ['no key', 'item_get', { secret: 'x', num_iid: '1' }, '4014', undefined],
    ['an unknown key', 'item_get', { key: 'nobody', secret: 'x', num_iid: '1' }, '4004', undefined],
    ['a wrong secret', 'item_get', { key: DEMO.appKey, secret: 'wrong', num_iid: '1' }, '4005', undefined],
    ['no num_iid', 'item_get', { ...creds }, '4014', undefined],
    ['num_iid not a number', 'item_get', { ...creds, num_iid: 'abc' }, '4003', undefined],
    ['a bad lang', 'item_get', { ...creds, num_iid: '1', lang: 'de' }, '4003', undefined],
    ['a bad result_type', 'item_get', { ...creds, num_iid: '1', result_type: 'xml' }, '4003', undefined],
    ['a bad cache value', 'item_get', { ...creds, num_iid: '1', cache: 'maybe' }, '4003', undefined],
    ['an unknown api', 'item_fly', { ...creds, num_iid: '1' }, '4010', undefined],
  ])('%s → %s', async (_name, api, query, code, error) => {
    const { body, text } = await ob(api, query as Record<string, string>);
    expect(body.error_code).toBe(code);
    expect(body.success).toBe(0);
    expect(typeof body.reason).toBe('string');
    if (error) expect(body.error).toBe(error);
    expect(text).not.toContain('sandbox-secret');
  });

  it('4013 when the call quota is used up, 4016 when the balance is', async () => {
    const quota = { key: 'quota', secret: 'q-secret', num_iid: '610947572360' };
    expect((await ob('item_get', quota)).body.error_code).toBe('0000');
    expect((await ob('item_get', quota)).body.error_code).toBe('0000');
    expect((await ob('item_get', quota)).body).toMatchObject({ error_code: '4013', api_info: 'today:2 max:2' });
    const broke = { key: 'broke', secret: 'b-secret', num_iid: '610947572360' };
    expect((await ob('item_get', broke)).body.error_code).toBe('0000');
    expect((await ob('item_get', broke)).body.error_code).toBe('4016');
  });

  it('a body over 1 MB is 4003', async () => {
    const answer = await http(`${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}`, {
      method: 'POST',
      body: Buffer.alloc(1024 * 1024 + 1, 'a'),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(JSON.parse(answer.text).error_code).toBe('4003');
  });
});

describe('OneBound item_search_shop', () => {
  it('pages and sorts the seed 003 shop', async () => {
    const { body } = await ob('item_search_shop', {
      ...creds,
      seller_nick: 'b2b-2200733087881719de',
      sort: 'sale',
      page: '3',
    });
    const items = body.items as { page: string; pagecount: number; item: Array<{ sales: number }> };
    expect(items.page).toBe('3');
    expect(items.pagecount).toBe(48);
    const sales = items.item.map((i) => i.sales);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
  });

  it('an unknown shop is 2000', async () => {
    expect((await ob('item_search_shop', { ...creds, seller_nick: 'nobody' })).body.error_code).toBe('2000');
  });

  it('a search with no match, or a page past the end, is 2000 (seed 000: 搜索没有结果), not an empty 0000', async () => {
    const shop = { ...creds, seller_nick: 'b2b-2200733087881719de' };
    const none = await ob('item_search_shop', { ...shop, q: '没有这种商品' });
    expect(none.body).toMatchObject({ error_code: '2000', reason: '接口访问成功,但是搜索没有结果', success: 0 });
    expect(none.body.items).toBeUndefined();
    expect((await ob('item_search_shop', { ...shop, page: '49' })).body.error_code).toBe('2000');
    expect((await ob('item_search_shop', { ...shop, page: '48' })).body.error_code).toBe('0000');
  });
});
