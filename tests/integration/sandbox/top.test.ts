import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { beijing, DEMO, form, http, mutate, topParams, topSign } from './http';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    limits: false,
    apps: [
      { appKey: DEMO.appKey, appSecret: DEMO.secret, sessions: ['sandbox-session'] },
      { appKey: 'acl-app', appSecret: 'acl-secret', apis: ['alibaba.item.get'] },
    ],
  });
});
afterAll(() => sb.close());

async function top(params: Record<string, string>, post = false) {
  const answer = post
    ? await http(sb.urls.top, form(params))
    : await http(`${sb.urls.top}?${new URLSearchParams(params)}`);
  expect(answer.status).toBe(200); // TOP answers errors with HTTP 200 too
  return JSON.parse(answer.text) as Record<string, Record<string, unknown>>;
}

const errorCode = (body: Record<string, Record<string, unknown>>) => body.error_response?.code;

/** A multipart/form-data POST as the official TOP SDKs send it, encoded by the platform's own FormData. */
async function topMultipart(params: Record<string, string>, file?: { name: string; content: string }) {
  const data = new FormData();
  for (const [key, value] of Object.entries(params)) data.append(key, value);
  if (file) data.append(file.name, new Blob([file.content]), 'upload.bin');
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  const answer = await http(sb.urls.top, {
    method: 'POST',
    body,
    headers: { 'Content-Type': encoded.headers.get('content-type') ?? '' },
  });
  return JSON.parse(answer.text) as Record<string, Record<string, unknown>>;
}

describe('TOP signature', () => {
  it.each(['md5', 'hmac', 'hmac-sha256'] as const)(
    'accepts a request signed with %s, by GET and by POST',
    async (method) => {
      for (const post of [false, true]) {
        const body = await top(topParams({ method: 'alibaba.item.get', item_id: '610947572360' }, { method }), post);
        const item = body.alibaba_item_get_response?.item as Record<string, unknown>;
        expect(item.title).toBe('厂家直销小米有品Qin2 Pro智能手机学生机老人机备用机小爱同学4G');
        expect(typeof body.alibaba_item_get_response?.request_id).toBe('string');
      }
    },
  );

  it('accepts a multipart/form-data POST (the official SDKs), file parts not signed', async () => {
    const params = topParams({ method: 'alibaba.item.get', item_id: '610947572360', q: '纯棉 T恤&=' });
    const body = await topMultipart(params, { name: 'image', content: 'not a parameter' });
    expect((body.alibaba_item_get_response?.item as Record<string, unknown>).item_id).toBe('610947572360');
    const tampered = await topMultipart({ ...params, q: '纯棉 T恤&+' });
    expect(errorCode(tampered)).toBe(25);
  });

  it('rejects one changed character in any value: 25, or the code of the parameter it breaks', async () => {
    const base = topParams({ method: 'alibaba.item.get', item_id: '610947572360', q: '手机' }, { method: 'hmac' });
    // Changing these makes the request invalid before the signature is even looked at.
    const structural: Record<string, number> = { method: 22, app_key: 29, format: 23, v: 33 };
    for (const key of Object.keys(base)) {
      const body = await top({ ...base, [key]: mutate(base[key]!) });
      expect([key, errorCode(body)]).toEqual([key, structural[key] ?? 25]);
    }
    const unsigned = await top({ ...base, extra: 'x' }); // a parameter the signature does not cover
    expect(unsigned.error_response).toMatchObject({ code: 25, msg: 'Invalid signature' });
  });

  it('verifies the signature over the decoded UTF-8 values', async () => {
    const params = topParams({
      method: 'item_search_shop',
      seller_nick: 'b2b-2200733087881719de',
      q: '手机壳 定制&=%',
    });
    expect(errorCode(await top(params, true))).toBeUndefined();
  });
});

describe('TOP timestamp', () => {
  it('rejects a timestamp 11 minutes off either way with code 31, accepts 9 minutes', async () => {
    for (const offset of [11, -11]) {
      const body = await top(
        topParams({ method: 'alibaba.item.get', item_id: '610947572360' }, { nowMs: Date.now() + offset * 60_000 }),
      );
      expect(errorCode(body)).toBe(31);
      expect(body.error_response?.msg).toBe('Invalid Timestamp');
    }
    const ok = await top(
      topParams({ method: 'alibaba.item.get', item_id: '610947572360' }, { nowMs: Date.now() - 9 * 60_000 }),
    );
    expect(errorCode(ok)).toBeUndefined();
  });

  it('judges the timestamp by its own clock: a gateway 11 minutes ahead refuses the client', async () => {
    const ahead = await startSandbox({ clock: { offsetMs: 11 * 60_000 } });
    try {
      const answer = await http(
        `${ahead.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '1' }))}`,
      );
      expect(JSON.parse(answer.text).error_response.code).toBe(31);
      // The Date header carries the gateway's clock, so a client can correct its skew.
      expect(Date.parse(String(answer.headers.date)) - Date.now()).toBeGreaterThan(10 * 60_000);
    } finally {
      await ahead.close();
    }
  });

  it('rejects malformed timestamps (31) and missing ones (30)', async () => {
    const p = topParams({ method: 'alibaba.item.get', item_id: '1' });
    for (const bad of ['2026-02-30 10:00:00', String(Date.now()), '2026-1-1 10:00:00']) {
      const params: Record<string, string> = { ...p, timestamp: bad };
      params.sign = topSign(params, DEMO.secret, 'md5');
      expect(errorCode(await top(params))).toBe(31);
    }
    const rest: Record<string, string> = { ...p };
    delete rest.timestamp;
    rest.sign = topSign(rest, DEMO.secret, 'md5');
    expect(errorCode(await top(rest))).toBe(30);
  });
});

describe('TOP common parameters and errors', () => {
  const signed = (params: Record<string, string>) => ({ ...params, sign: topSign(params, DEMO.secret, 'md5') });
  const common = () => ({ app_key: DEMO.appKey, timestamp: beijing(Date.now()), format: 'json', v: '2.0' });

  // An empty value removes the common parameter.
  it.each([
    { name: 'no app_key', extra: { app_key: '', method: 'alibaba.item.get' }, code: 28 },
    { name: 'an unknown app_key', extra: { app_key: '999', method: 'alibaba.item.get' }, code: 29 },
    { name: 'no method', extra: {}, code: 21 },
    { name: 'an unknown method', extra: { method: 'taobao.nothing.here' }, code: 22 },
    { name: 'format xml', extra: { method: 'alibaba.item.get', format: 'xml' }, code: 23 },
    { name: 'no v', extra: { method: 'alibaba.item.get', v: '' }, code: 32 },
    { name: 'no item_id', extra: { method: 'alibaba.item.get' }, code: 40 },
    { name: 'item_id not a number', extra: { method: 'alibaba.item.get', item_id: '12ab' }, code: 41 },
    {
      name: 'page_size over 100',
      extra: { method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de', page_size: '101' },
      code: 41,
    },
    {
      name: 'an unknown sort',
      extra: { method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de', sort: 'random' },
      code: 41,
    },
  ] as Array<{ name: string; extra: Record<string, string>; code: number }>)(
    '$name → code $code',
    async ({ extra, code }) => {
      const params: Record<string, string> = { ...common(), ...extra };
      for (const key of Object.keys(params)) if (params[key] === '') delete params[key];
      expect(errorCode(await top(signed(params)))).toBe(code);
    },
  );

  it('a request without sign gets 24, an unknown sign_method 25', async () => {
    const p = { ...common(), method: 'alibaba.item.get', item_id: '1' };
    expect(errorCode(await top(p))).toBe(24);
    expect(errorCode(await top({ ...p, sign_method: 'sha1', sign: 'X' }))).toBe(25);
  });

  it('an unknown item is code 15 with sub_code isv.item-not-exist', async () => {
    const body = await top(topParams({ method: 'alibaba.item.get', item_id: '123' }));
    expect(body.error_response).toMatchObject({
      code: 15,
      msg: 'Remote service error',
      sub_code: 'isv.item-not-exist',
    });
    expect(typeof body.error_response?.request_id).toBe('string');
  });

  it('an app limited to some APIs gets 11 for the others', async () => {
    const opts = { appKey: 'acl-app', secret: 'acl-secret' };
    const denied = await top(topParams({ method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de' }, opts));
    expect(denied.error_response).toMatchObject({ code: 11, sub_code: 'isv.permission-api-package-limit' });
    expect(
      errorCode(await top(topParams({ method: 'alibaba.item.get', item_id: '610947572360' }, opts))),
    ).toBeUndefined();
  });

  it('a body over 1 MB is code 41, and the server goes on', async () => {
    const big = 'x='.padEnd(1024 * 1024 + 10, 'a');
    const answer = await http(sb.urls.top, {
      method: 'POST',
      body: big,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(JSON.parse(answer.text).error_response).toMatchObject({ code: 41, sub_code: 'isv.invalid-parameter' });
    expect(errorCode(await top(topParams({ method: 'alibaba.item.get', item_id: '610947572360' })))).toBeUndefined();
  });

  it('a parameter sent twice is refused (41)', async () => {
    const p = topParams({ method: 'alibaba.item.get', item_id: '610947572360' });
    const answer = await http(`${sb.urls.top}?${new URLSearchParams(p)}&item_id=61234567890`);
    expect(JSON.parse(answer.text).error_response.code).toBe(41);
  });
});

describe('TOP methods', () => {
  it('alibaba.item.get serves seed 004 with tiers, spec_json and seller credit', async () => {
    const body = await top(topParams({ method: 'alibaba.item.get', item_id: '61234567890' }));
    const item = body.alibaba_item_get_response?.item as Record<string, unknown>;
    expect(item.step_price).toEqual([
      { quantity: 5, price: '25.00' },
      { quantity: 100, price: '22.00' },
      { quantity: 500, price: '19.00' },
    ]);
    expect(item.seller).toMatchObject({ credit_level: 5, year: 8 });
  });

  it('item_search_shop pages the 1 900 items of seed 003 (default 40 a page), unwrapped as seed 003 prints it', async () => {
    const body = await top(topParams({ method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de' }));
    expect(Object.keys(body)).toEqual(['items']);
    const items = body.items as Record<string, unknown>;
    expect(items).toMatchObject({
      page: '1',
      real_total_results: 1900,
      total_results: 1900,
      page_size: 40,
      pagecount: 48,
    });
    expect((items.item as unknown[]).length).toBe(40);
  });

  it('alibaba.item.search.shop is the same call under its own response key', async () => {
    const p = { seller_nick: 'b2b-2200733087881719de', page: '48', page_size: '40' };
    const body = await top(topParams({ method: 'alibaba.item.search.shop', ...p }));
    const items = body.alibaba_item_search_shop_response?.items as { item: unknown[] };
    expect(items.item).toHaveLength(1900 - 47 * 40);
  });

  it('honours q, start_price, end_price and sort', async () => {
    const p = {
      seller_nick: 'b2b-2200733087881719de',
      q: '保温杯',
      start_price: '100',
      end_price: '500',
      sort: '_price',
      page_size: '100',
    };
    const body = await top(topParams({ method: 'item_search_shop', ...p }));
    const items = body.items as {
      item: Array<{ title: string; price: number }>;
      real_total_results: number;
    };
    expect(items.real_total_results).toBeGreaterThan(0);
    expect(items.real_total_results).toBeLessThan(1900);
    const prices = items.item.map((i) => i.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    for (const i of items.item) {
      expect(i.title).toContain('保温杯');
      expect(i.price).toBeGreaterThanOrEqual(100);
      expect(i.price).toBeLessThanOrEqual(500);
    }
  });

  it('writes ids above 2^53 as raw JSON numbers, which JSON.parse visibly changes', async () => {
    const p = topParams({ method: 'item_search_shop', seller_nick: 'b2b-2200733087881719de', page_size: '100' });
    const answer = await http(`${sb.urls.top}?${new URLSearchParams(p)}`);
    const raw = [...answer.text.matchAll(/"num_iid":(\d{16,})/g)].map((m) => m[1]!);
    expect(raw.length).toBeGreaterThan(0);
    for (const digits of raw) expect(BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const parsed = JSON.parse(answer.text).items.item as Array<{ num_iid: unknown }>;
    const numbers = parsed.filter((i) => typeof i.num_iid === 'number').map((i) => String(i.num_iid));
    expect(numbers).toHaveLength(raw.length);
    expect(numbers.some((n, k) => n !== raw[k])).toBe(true);
    // And the detail of such an item is found by its exact id.
    const detail = await top(topParams({ method: 'alibaba.item.get', item_id: raw[0]! }));
    expect(errorCode(detail)).toBeUndefined();
  });

  it('taobao.qianniu.item.get needs a session: 26 without, 27 with a wrong one', async () => {
    const p = { method: 'taobao.qianniu.item.get', page: '2', page_size: '10' };
    expect(errorCode(await top(topParams(p)))).toBe(26);
    expect(errorCode(await top(topParams({ ...p, session: 'not-a-session' })))).toBe(27);
    const body = await top(topParams({ ...p, session: 'sandbox-session' }));
    const answer = body.qianniu_item_get_response as {
      page: number;
      total_cnt: number;
      item_infos: { item_info_v_o: unknown[] };
    };
    expect(answer.page).toBe(2);
    expect(answer.total_cnt).toBe(1900);
    expect(answer.item_infos.item_info_v_o).toHaveLength(10);
  });

  it('checks a session sent to any method: a wrong one is 27 even where none is needed', async () => {
    const p = { method: 'alibaba.item.get', item_id: '610947572360' };
    expect(errorCode(await top(topParams({ ...p, session: 'stale' })))).toBe(27);
    expect(errorCode(await top(topParams({ ...p, session: 'sandbox-session' })))).toBeUndefined();
  });
});
