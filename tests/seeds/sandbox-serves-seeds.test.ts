/**
 * The sandbox serves the seeds' bodies: raw HTTP to a sandbox, compared with the stored examples
 * (tests/seeds). Fields a real gateway writes afresh on every call (request ids, times, quotas,
 * echoed arguments) are compared by name only; everything else must be the same value.
 */
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index';
import { DEMO, http, topParams } from '../integration/sandbox/http';
import { SEED_002_LISTS, SEED_002_NUMBERS, seedJson, seedXmlAsTopJson } from './load';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ limits: false });
});
afterAll(() => sb.close());

/** OneBound's per-call envelope fields (seed 000 prints one call's values of them). */
const PER_CALL = new Set([
  'secache',
  'secache_time',
  'secache_date',
  'cache',
  'api_info',
  'execution_time',
  'server_time',
  'client_ip',
  'call_args',
  'request_id',
  'translate_time',
  'server_memory',
]);

function withoutPerCall(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !PER_CALL.has(key)));
}

async function json(url: string): Promise<Record<string, unknown>> {
  return JSON.parse((await http(url)).text) as Record<string, unknown>;
}

const onebound = (api: string, params: Record<string, string>) =>
  json(`${sb.urls.onebound}1688/${api}/?${new URLSearchParams({ key: DEMO.appKey, secret: DEMO.secret, ...params })}`);

describe('the sandbox serves the seeds’ bodies', () => {
  it('seed 000: item_get_pro of 610947572360 is the printed 响应示例', async () => {
    const seed = seedJson('000-item_get_pro-response.json');
    const served = await onebound('item_get_pro', { num_iid: '610947572360' });
    expect(served.item).toEqual(seed.item);
    for (const key of Object.keys(seed)) expect([key, key in served]).toEqual([key, true]);
    const sameValues = withoutPerCall(seed);
    // The translation fields depend on `lang`; the seed's call was the default (cn).
    expect(withoutPerCall(served)).toMatchObject(sameValues);
  });

  it('seed 000: an unknown item is the printed 异常示例 (2000, item-not-found, 商品没找到)', async () => {
    const seed = seedJson('000-item_get_pro-error-2000.json');
    const served = await onebound('item_get_pro', { num_iid: '1' });
    expect(Object.keys(served).sort()).toEqual(Object.keys(seed).sort());
    expect(withoutPerCall(served)).toEqual(withoutPerCall(seed));
  });

  it('seed 003: item_search_shop page 1 of the seed shop is the printed answer, unwrapped', async () => {
    const seed = seedJson<{ items: Record<string, unknown> & { item: unknown[] } }>(
      '003-item_search_shop-response.json',
    );
    const served = await json(
      `${sb.urls.top}?${new URLSearchParams(topParams({ method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de' }))}`,
    );
    expect(Object.keys(served)).toEqual(['items']);
    const items = served.items as Record<string, unknown> & { item: unknown[] };
    const { item: seedItems, ...seedPage } = seed.items;
    const { item: servedItems, ...servedPage } = items;
    expect(servedPage).toEqual(seedPage);
    // The seed prints the first item of the page; the sandbox's page has the 40 the page size asks for.
    expect(servedItems).toHaveLength(40);
    expect(servedItems[0]).toEqual(seedItems[0]);
  });

  it('seed 004: alibaba.item.get of 61234567890 is the printed answer', async () => {
    const seed = seedJson<{ alibaba_item_get_response: { item: unknown } }>('004-alibaba.item.get-response.json');
    const served = await json(
      `${sb.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '61234567890' }))}`,
    );
    const wrapper = served.alibaba_item_get_response as Record<string, unknown>;
    expect(Object.keys(served)).toEqual(['alibaba_item_get_response']);
    expect(wrapper.item).toEqual(seed.alibaba_item_get_response.item);
  });

  it('seed 002: taobao.qianniu.item.get answers with the printed elements, in the printed types', async () => {
    const seed = JSON.parse(
      seedXmlAsTopJson('002-qianniu.item.get-response.xml', SEED_002_NUMBERS, SEED_002_LISTS),
    ) as { qianniu_item_get_response: Record<string, unknown> };
    const served = await json(
      `${sb.urls.top}?${new URLSearchParams(
        topParams({ method: 'taobao.qianniu.item.get', page: '1', page_size: '3', session: SANDBOX_DEFAULTS.session }),
      )}`,
    );
    const page = served.qianniu_item_get_response as Record<string, unknown>;
    const printed = seed.qianniu_item_get_response;
    // The same elements (request_id is the router's own, on every answer).
    expect(
      Object.keys(page)
        .filter((k) => k !== 'request_id')
        .sort(),
    ).toEqual(Object.keys(printed).sort());
    for (const key of ['page', 'total_cnt', 'type', 'id', 'timestamp', 'name'] as const) {
      expect([key, typeof page[key]]).toEqual([key, typeof printed[key]]);
    }
    const entry = (page.item_infos as { item_info_v_o: Array<{ base_info: Record<string, unknown> }> })
      .item_info_v_o[0]!.base_info;
    const printedEntry = (printed.item_infos as { item_info_v_o: Array<{ base_info: Record<string, unknown> }> })
      .item_info_v_o[0]!.base_info;
    expect(Object.keys(entry).sort()).toEqual(Object.keys(printedEntry).sort());
    for (const key of Object.keys(printedEntry)) {
      expect([key, typeof entry[key]]).toEqual([key, typeof printedEntry[key]]);
    }
  });
});
