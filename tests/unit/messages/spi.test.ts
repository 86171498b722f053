/**
 * TOP SPI checks against the official spiUtil (taobao-sdk 2.0.5 `lib/spiUtil.js`): every request we
 * sign, the official check accepts, and for random requests and signatures both give the same answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  checkSignForSpi,
  checkSpiTimestamp,
  spiHandler,
  spiSignature,
  type SpiCall,
} from '../../../src/messages/index';
import { describeWithOfficialSdk, requireOfficial, type OfficialSpiUtil } from '../../support/official-sdk';

const SECRET = 'spi-secret';

/** A request target with `sign` appended, signed by our implementation. */
function signed(path: string, query: string, headers: Record<string, string>, body: string): string {
  const sign = spiSignature({ url: `${path}?${query}`, headers, body }, SECRET);
  return `${path}?${query}&sign=${sign}`;
}

describeWithOfficialSdk('checkSignForSpi agrees with the official spiUtil', () => {
  let official: OfficialSpiUtil;
  beforeAll(() => {
    official = requireOfficial<OfficialSpiUtil>('./lib/spiUtil.js');
  });

  it('accepts what we sign: escaped Chinese, a timestamp with +, a body', () => {
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    const body = '{"orderId":2237938826932135493,"nick":"买家"}';
    const query = `method=taobao.spi.test&nick=${encodeURIComponent('淘宝 店')}&timestamp=2026-11-30+10:00:00&app_key=123`;
    const url = signed('/spi', query, headers, body);
    expect(official.checkSignForSpi(url, body, headers, SECRET)).toBe(true);
    expect(checkSignForSpi({ url, headers, body }, SECRET)).toBe(true);
    const tampered = url.replace('app_key=123', 'app_key=124');
    expect(official.checkSignForSpi(tampered, body, headers, SECRET)).toBe(false);
    expect(checkSignForSpi({ url: tampered, headers, body }, SECRET)).toBe(false);
  });

  it('signs the headers named in top-sign-list, as the Java SpiUtils (the Node spiUtil drops them)', () => {
    const headers = { 'content-type': 'text/plain', 'top-sign-list': 'x-shop,x-seq', 'x-shop': 'abc', 'x-seq': '7' };
    const url = signed('/spi', 'a=1', headers, '');
    expect(checkSignForSpi({ url, headers, body: '' }, SECRET)).toBe(true);
    expect(checkSignForSpi({ url, headers: { ...headers, 'x-seq': '8' }, body: '' }, SECRET)).toBe(false);
    // What the Node spiUtil computes: the same request signed without the listed headers.
    const withoutHeaders = signed('/spi', 'a=1', { 'content-type': 'text/plain' }, '');
    expect(official.checkSignForSpi(withoutHeaders, '', headers, SECRET)).toBe(true);
    expect(official.checkSignForSpi(url, '', headers, SECRET)).toBe(false);
  });

  it('signs GBK requests as iconv does, without a charset library', () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=GBK' };
    // 淘宝 in GBK is CC D4 B1 A6.
    const url = signed('/spi', 'nick=%CC%D4%B1%A6&timestamp=2026-11-30+10:00:00', headers, '');
    expect(official.checkSignForSpi(url, '', headers, SECRET)).toBe(true);
  });

  it('gives the official answer for random requests, signed and unsigned', () => {
    const key = fc.stringMatching(/^[a-z_]{1,6}$/).filter((k) => k !== 'sign');
    const params = fc.dictionary(key, fc.string({ maxLength: 8 }), { minKeys: 1, maxKeys: 5 });
    const body = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(params, body, fc.boolean(), (p, text, withGoodSign) => {
        const headers = { 'content-type': 'text/plain; charset=utf-8' };
        const query = Object.entries(p)
          .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
          .join('&');
        const url = withGoodSign
          ? signed('/s', query, headers, text)
          : `/s?${query}&sign=0123456789ABCDEF0123456789ABCDEF`;
        expect(checkSignForSpi({ url, headers, body: text }, SECRET)).toBe(
          official.checkSignForSpi(url, text, headers, SECRET),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is false without a Content-Type, as spiUtil', () => {
    const url = signed('/s', 'a=1', { 'content-type': 'text/plain' }, '');
    expect(official.checkSignForSpi(url, '', {}, SECRET)).toBe(false);
    expect(checkSignForSpi({ url, headers: {} }, SECRET)).toBe(false);
  });
});

describe('checkSpiTimestamp', () => {
  const now = Date.parse('2026-11-30T02:00:00Z'); // 10:00:00 in Beijing
  it('accepts a Beijing timestamp within the window and refuses an older, a missing or a bad one', () => {
    expect(checkSpiTimestamp({ url: '/s?timestamp=2026-11-30+09:55:00' }, 10 * 60_000, now)).toBe(true);
    expect(checkSpiTimestamp({ url: '/s?timestamp=2026-11-30%2009:49:59' }, 10 * 60_000, now)).toBe(false);
    expect(checkSpiTimestamp({ url: '/s?a=1' }, 10 * 60_000, now)).toBe(false);
    expect(checkSpiTimestamp({ url: '/s?timestamp=yesterday' }, 10 * 60_000, now)).toBe(false);
  });
});

describe('spiHandler over HTTP', () => {
  let server: http.Server;
  let base: string;
  const calls: SpiCall[] = [];
  beforeAll(async () => {
    server = http.createServer(
      spiHandler({
        appSecret: SECRET,
        onRequest: (call) => {
          calls.push(call);
          return { body: { result: { success: true } } };
        },
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const beijingNow = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', '+');

  it('passes a signed, fresh request to onRequest and answers its reply', async () => {
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    const body = '{"q":"淘宝"}';
    const url = signed('/spi', `method=taobao.spi.test&timestamp=${beijingNow()}`, headers, body);
    const response = await fetch(base + url, { method: 'POST', headers, body });
    expect([response.status, await response.json()]).toEqual([200, { result: { success: true } }]);
    expect(calls.at(-1)).toMatchObject({ method: 'POST', params: { method: 'taobao.spi.test' } });
    expect(calls.at(-1)?.body.toString('utf8')).toBe(body);
  });

  it('answers a bad signature or a stale timestamp with sign-check-failure, without calling onRequest', async () => {
    const before = calls.length;
    const headers = { 'content-type': 'application/json' };
    const stale = signed('/spi', 'timestamp=2020-01-01+00:00:00', headers, '{}');
    for (const url of [stale, `/spi?timestamp=${beijingNow()}&sign=00`]) {
      const response = await fetch(base + url, { method: 'POST', headers, body: '{}' });
      expect([response.status, await response.json()]).toEqual([
        401,
        { success: false, errorCode: 'sign-check-failure', errorMsg: 'Illegal request' },
      ]);
    }
    expect(calls).toHaveLength(before);
  });
});
