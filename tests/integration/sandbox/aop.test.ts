import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { aopParams, aopPath, aopSign, DEMO, form, http, mutate } from './http';

const PRODUCT = 'com.alibaba.product/alibaba.product.get';
const SHOP = 'com.alibaba.product/alibaba.item.search.shop';

// The gateway clock runs `shift` ms ahead of the real one: tests move it to expire tokens without sleeping.
let shift = 0;
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ limits: false, tokenTtlMs: 60_000, clock: { now: () => Date.now() + shift } });
});
afterAll(() => sb.close());
afterEach(() => {
  shift = 0;
});

async function aop(urlPath: string, params: Record<string, string>) {
  const answer = await http(sb.urls.aop + urlPath, form(params));
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}

describe('AOP signature', () => {
  it('accepts a request signed over url path + sorted key+value strings', async () => {
    const path = aopPath(PRODUCT);
    const { status, body } = await aop(path, aopParams(path, { productID: '610947572360', webSite: '1688' }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, productInfo: { productID: 610947572360 } });
  });

  it('rejects one changed character in any value with gw.SignatureInvalid (401)', async () => {
    const path = aopPath(PRODUCT);
    const base = aopParams(path, { productID: '610947572360', webSite: '1688' });
    for (const key of Object.keys(base)) {
      if (key === '_aop_timestamp') continue; // checked below: a changed last digit is 9 ms, still signed over
      const { status, body } = await aop(path, { ...base, [key]: mutate(base[key]!) });
      expect([key, status, body.error_code]).toEqual([key, 401, 'gw.SignatureInvalid']);
    }
    const ts = await aop(path, { ...base, _aop_timestamp: mutate(base._aop_timestamp!) });
    expect(ts.body.error_code).toBe('gw.SignatureInvalid');
  });

  it('signs the path too: the same params under another app key path fail', async () => {
    const path = aopPath(PRODUCT);
    // Signed over another API's path, sent to this one.
    const params = aopParams(path.replace('product.get', 'product.getList'), { productID: '610947572360' });
    const { body } = await aop(path, params);
    expect(body.error_code).toBe('gw.SignatureInvalid');
  });

  it('an _aop_timestamp 11 minutes off is refused', async () => {
    const path = aopPath(PRODUCT);
    const params = aopParams(path, { productID: '610947572360', _aop_timestamp: String(Date.now() - 11 * 60_000) });
    const { status, body } = await aop(path, params);
    expect([status, body.error_code]).toEqual([400, 'gw.TimestampInvalid']);
  });
});

describe('AOP gateway errors', () => {
  it.each([
    ['param2/1/com.alibaba.product/alibaba.product.get', 400, 'gw.AppKeyMissing'],
    ['param2/1/com.alibaba.product/alibaba.product.get/', 400, 'gw.AppKeyMissing'],
    ['param2/1/com.alibaba.product/alibaba.product.nothing/10000001', 400, 'gw.APIUnsupported'],
    ['param2/2/com.alibaba.product/alibaba.product.get/10000001', 400, 'gw.APIUnsupported'],
    ['param2/1/com.alibaba.product/alibaba.product.get/424242', 401, 'gw.AppKeyNotExist'],
    ['x', 400, 'gw.APIUnsupported'],
  ])('%s → %i %s', async (path, status, code) => {
    const answer = await aop(path, { productID: '1' });
    expect([answer.status, answer.body.error_code]).toEqual([status, code]);
    expect(typeof answer.body.error_message).toBe('string');
    expect(typeof answer.body.request_id).toBe('string');
  });

  it('an unsigned request is gw.SignatureInvalid; a wrong or missing token is refused after the signature', async () => {
    const path = aopPath(PRODUCT);
    expect((await aop(path, { productID: '1' })).body.error_code).toBe('gw.SignatureInvalid');
    const noToken: Record<string, string> = { productID: '610947572360' };
    noToken._aop_signature = aopSign(path, noToken, DEMO.secret);
    expect(await aop(path, noToken)).toMatchObject({ status: 401, body: { error_code: 'gw.AccessTokenMissing' } });
    const bad = aopParams(path, { productID: '610947572360', access_token: 'nope' });
    expect((await aop(path, bad)).body.error_code).toBe('gw.AccessTokenInvalid');
  });

  it('missing or wrong parameters and unknown products', async () => {
    const path = aopPath(PRODUCT);
    expect((await aop(path, aopParams(path, {}))).body.error_code).toBe('gw.ParameterMissing');
    expect((await aop(path, aopParams(path, { productID: 'abc' }))).body.error_code).toBe('gw.ParameterInvalid');
    expect(await aop(path, aopParams(path, { productID: '999' }))).toMatchObject({
      status: 404,
      body: { error_code: 'gw.ResourceNotFound' },
    });
  });

  it('a body over 1 MB is gw.RequestTooLarge (413)', async () => {
    const body = 'a='.padEnd(1024 * 1024 + 1, 'b');
    const answer = await http(sb.urls.aop + aopPath(PRODUCT), {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect([answer.status, JSON.parse(answer.text).error_code]).toEqual([413, 'gw.RequestTooLarge']);
  });

  it('an app limited to some APIs gets gw.APIACLDecline', async () => {
    const acl = await startSandbox({ apps: [{ appKey: 'acl', appSecret: 's', accessTokens: ['t'], apis: [] }] });
    try {
      const path = aopPath(PRODUCT, 'acl');
      const params: Record<string, string> = { productID: '610947572360', access_token: 't' };
      params._aop_signature = aopSign(path, params, 's');
      const answer = await http(acl.urls.aop + path, form(params));
      expect([answer.status, JSON.parse(answer.text).error_code]).toEqual([403, 'gw.APIACLDecline']);
    } finally {
      await acl.close();
    }
  });
});

describe('AOP data', () => {
  it('alibaba.product.get answers {success, productInfo} in camelCase, as the public 1688 SDKs read it', async () => {
    const path = aopPath(PRODUCT);
    const { body } = await aop(path, aopParams(path, { productID: '61234567890', webSite: '1688' }));
    expect(Object.keys(body).sort()).toEqual(['productInfo', 'success']);
    expect(body.productInfo).toMatchObject({
      productID: 61234567890,
      subject: '2024新款夏季T恤 纯棉短袖 批发定制',
      saleInfo: {
        minOrderQuantity: 5,
        unit: '件',
        priceRanges: [
          { startQuantity: 5, price: 25 },
          { startQuantity: 100, price: 22 },
          { startQuantity: 500, price: 19 },
        ],
      },
      skuInfos: [{ skuId: 123456789, price: 25, amountOnSale: 3000 }],
      supplierLoginId: 'XX服装厂',
    });
  });

  it('does not serve the shop search: no public source shows what it answers', async () => {
    const path = aopPath(SHOP);
    const { status, body } = await aop(path, aopParams(path, { seller_nick: 'b2b-2200733087881719de' }));
    expect([status, body.error_code]).toEqual([400, 'gw.APIUnsupported']);
  });
});

describe('system.oauth2/getToken', () => {
  const tokenPath = `http/1/system.oauth2/getToken/${DEMO.appKey}`;
  const client = { client_id: DEMO.appKey, client_secret: DEMO.secret };

  it('exchanges a sandbox-issued code, refuses it the second time, and the token expires after tokenTtlMs', async () => {
    const code = sb.oauth.issueCode();
    const first = await aop(tokenPath, {
      ...client,
      grant_type: 'authorization_code',
      code,
      need_refresh_token: 'true',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ expires_in: expect.any(String), memberId: expect.any(String) });
    const { access_token, refresh_token } = first.body as { access_token: string; refresh_token: string };
    expect(refresh_token).toEqual(expect.any(String));

    const again = await aop(tokenPath, { ...client, grant_type: 'authorization_code', code });
    expect([again.status, again.body.error]).toEqual([400, 'invalid_grant']);

    const path = aopPath(PRODUCT);
    const call = () => aop(path, aopParams(path, { productID: '610947572360', access_token }));
    expect((await call()).status).toBe(200);
    shift = 59_000;
    expect((await call()).status).toBe(200);
    shift = 61_000; // still within the 10-minute timestamp window, past the token's 60 s
    expect((await call()).body.error_code).toBe('gw.AccessTokenExpired');

    const refreshed = await aop(tokenPath, { ...client, grant_type: 'refresh_token', refresh_token });
    expect(refreshed.status).toBe(200);
    const fresh = (refreshed.body as { access_token: string }).access_token;
    expect(fresh).not.toBe(access_token);
    expect((await aop(path, aopParams(path, { productID: '610947572360', access_token: fresh }))).status).toBe(200);
    shift = 0;
  });

  it('GET /oauth/authorize redirects with a code and the state', async () => {
    const answer = await http(
      `${sb.url}/oauth/authorize?client_id=${DEMO.appKey}&site=1688&redirect_uri=${encodeURIComponent('https://example.test/cb')}&state=s1`,
    );
    expect(answer.status).toBe(302);
    const location = new URL(String(answer.headers.location));
    expect(location.searchParams.get('state')).toBe('s1');
    const exchanged = await aop(tokenPath, {
      ...client,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      // The code is bound to the redirect of its authorize request (RFC 6749 4.1.3; 1688 takes it too).
      redirect_uri: 'https://example.test/cb',
    });
    expect(exchanged.status).toBe(200);

    // site is required (1688's guide: always 1688): without it the consent page refuses.
    const noSite = await http(
      `${sb.url}/oauth/authorize?client_id=${DEMO.appKey}&redirect_uri=https%3A%2F%2Fexample.test%2Fcb`,
    );
    expect(noSite.status).toBe(400);
    expect(JSON.parse(noSite.text)).toEqual({ error: 'invalid_request', error_description: 'site must be 1688' });
  });

  it('accepts the configured refresh token, refuses a wrong secret, an unknown grant type and a bad refresh token', async () => {
    expect(
      (await aop(tokenPath, { ...client, grant_type: 'refresh_token', refresh_token: 'sandbox-refresh-token' })).status,
    ).toBe(200);
    const wrong = await aop(tokenPath, {
      ...client,
      client_secret: 'x',
      grant_type: 'refresh_token',
      refresh_token: 'sandbox-refresh-token',
    });
    expect([wrong.status, wrong.body.error]).toEqual([401, 'invalid_client']);
    expect((await aop(tokenPath, { ...client, grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    expect((await aop(tokenPath, { ...client, grant_type: 'refresh_token', refresh_token: 'zzz' })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('also takes a signed request at param2/1 instead of the client secret', async () => {
    const path = aopPath('system.oauth2/getToken');
    const params: Record<string, string> = { grant_type: 'refresh_token', refresh_token: 'sandbox-refresh-token' };
    params._aop_signature = aopSign(path, params, DEMO.secret);
    expect((await aop(path, params)).status).toBe(200);
  });
});
