import { Agent } from 'node:http';
import { connect } from 'node:net';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { sequence } from '../../../src/sandbox/random';
import { DEMO, http, topParams } from './http';

jest.setTimeout(120_000);

let sb: Sandbox;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
beforeAll(async () => {
  sb = await startSandbox({ seed: 3 });
});
afterAll(async () => {
  agent.destroy();
  await sb.close();
});

/** Raw text as it may appear on the wire: printable ASCII kept (broken %-escapes too), the rest as UTF-8 bytes. */
function wire(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code > 0x20 && code < 0x7f && c !== '#') out += c;
    else if (c.length === 1 && code >= 0xd800 && code <= 0xdfff)
      out += '%ED%A0%80'; // a lone surrogate's bytes
    else out += [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** Seeded garbage: paths, methods, parameters, encodings, bodies and content types, mixed. */
function garbage(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (max: number) => {
    const alphabet = [
      'a',
      'Z',
      '9',
      '%',
      '%zz',
      '%E4%B8',
      '&',
      '=',
      '+',
      '手',
      '\u0000',
      '/',
      '..',
      '"',
      '{',
      ' ',
      '\ud800',
    ];
    let out = '';
    const n = Math.floor(random() * max);
    for (let i = 0; i < n; i++) out += pick(alphabet);
    return out;
  };
  const path = pick([
    '/router/rest',
    '/router/rest/',
    '/openapi/',
    `/openapi/param2/1/${text(6)}/${text(6)}/${pick([DEMO.appKey, text(4)])}`,
    `/openapi/param2/1/com.alibaba.product/alibaba.product.get/${DEMO.appKey}`,
    `/openapi/http/1/system.oauth2/getToken/${DEMO.appKey}`,
    `/1688/${pick(['item_get', 'item_get_pro', 'item_search_shop', text(5)])}/`,
    `/${text(10)}`,
    '/oauth/authorize',
  ]);
  const keys = [
    'method',
    'app_key',
    'timestamp',
    'v',
    'format',
    'sign',
    'sign_method',
    'item_id',
    'num_iid',
    'key',
    'secret',
    'page',
    'page_size',
    'sort',
    'seller_nick',
    'productID',
    '_aop_signature',
    'access_token',
    'grant_type',
    'code',
    'q',
  ];
  const values = () =>
    pick([
      DEMO.appKey,
      DEMO.secret,
      'alibaba.item.get',
      'item_search_shop',
      '610947572360',
      '-1',
      '1e309',
      'json',
      '2.0',
      'md5',
      'hmac-sha256',
      'b2b-2200733087881719de',
      '99999999999999999999999',
      text(12),
    ]);
  const pairs: string[] = [];
  const n = Math.floor(random() * 8);
  for (let i = 0; i < n; i++) {
    const value = values();
    pairs.push(`${pick([...keys, text(4)])}=${pick([wire(value).replace(/[&=]/g, encodeURIComponent), value])}`);
  }
  const query = wire(pairs.join('&'));
  const method = pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const contentType = pick([
    'application/x-www-form-urlencoded',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=x',
    '',
  ]);
  const body =
    method === 'GET' || method === 'OPTIONS'
      ? undefined
      : pick([
          pairs.join('&'),
          JSON.stringify({ num_iid: values(), x: [1, { y: null }] }),
          '{"num_iid":',
          text(40),
          '',
        ]);
  const safePath = wire(path);
  return {
    url: `${sb.url}${safePath}${query ? `?${query}` : ''}`,
    options: {
      method,
      agent,
      ...(body === undefined ? {} : { body }),
      headers: (contentType ? { 'Content-Type': contentType } : {}) as Record<string, string>,
      timeoutMs: 20_000,
    },
  };
}

it('survives 10 000 random garbage requests, answering each, then answers a valid request', async () => {
  const random = sequence(2026);
  const requests = Array.from({ length: 10_000 }, () => garbage(random));
  const statuses = new Map<number, number>();
  let unparsable = 0;
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { url, options } = requests[next++]!;
      const answer = await http(url, options);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const isJson = String(answer.headers['content-type'] ?? '').includes('json');
      if (isJson && answer.bytes > 0) {
        try {
          JSON.parse(answer.text);
        } catch {
          unparsable++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  expect(unparsable).toBe(0);
  expect(statuses.get(500) ?? 0).toBe(0); // no handler ever failed
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
  expect(sb.log.length).toBe(10_000);

  sb.reset();
  const valid = await http(
    `${sb.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '610947572360' }))}`,
  );
  expect(JSON.parse(valid.text).alibaba_item_get_response.item.item_id).toBe('610947572360');
});

it('answers broken HTTP with 400 and stays up', async () => {
  for (const raw of [
    'GARBAGE\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    '\u0000\u0001\u0002\r\n\r\n',
  ]) {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(sb.port, '127.0.0.1', () => socket.write(raw));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
  }
  const ob = await http(
    `${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=610947572360`,
  );
  expect(JSON.parse(ob.text).error_code).toBe('0000');
});

it('listens on 127.0.0.1 only, on a free port by default', async () => {
  expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`);
  expect(sb.port).toBeGreaterThan(0);
  expect(sb.urls).toEqual({
    top: `${sb.url}/router/rest`,
    aop: `${sb.url}/openapi/`,
    onebound: `${sb.url}/`,
    tmc: `ws://127.0.0.1:${sb.port}/tmc`,
  });
});
