import { AopDialect } from '../../src/dialects/aop';
import { OneboundDialect } from '../../src/dialects/onebound';
import { TopDialect, topResponseKey } from '../../src/dialects/top';
import { InvalidRequestError, signAop, signTop } from '../../src/index';

const credentials = { appKey: '10000001', appSecret: 'sandbox-secret', signMethod: 'md5' as const };
const at = { nowMs: 1_767_227_400_000, beijingTimestamp: '2026-01-01 08:30:00' };

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('TOP request building', () => {
  const top = new TopDialect({ ...credentials, session: 'sandbox-session', signMethod: 'hmac-sha256' });
  const base = {
    apiName: 'alibaba.item.get',
    params: { item_id: '610947572360' },
    baseUrl: 'http://h/router/rest',
    ...at,
  };

  it('POSTs a form with the common params and a signature over exactly what is sent', () => {
    const request = top.build({ ...base, httpMethod: 'POST' });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://h/router/rest');
    const sent = Object.fromEntries(new URLSearchParams(request.body));
    expect(sent).toMatchObject({
      method: 'alibaba.item.get',
      app_key: '10000001',
      timestamp: '2026-01-01 08:30:00',
      format: 'json',
      v: '2.0',
      sign_method: 'hmac-sha256',
      session: 'sandbox-session',
      item_id: '610947572360',
    });
    expect(sent.sign).toBe(signTop(sent, 'sandbox-secret', 'hmac-sha256'));
    expect(request.signature).toBe(sent.sign);
    expect(request.redacted.url).toBe('http://h/router/rest');
    expect(request.redacted.paramNames).toContain('sign');
  });

  it('sends the same parameters in the query string for GET', () => {
    const request = top.build({ ...base, httpMethod: 'GET' });
    expect(request.body).toBeUndefined();
    const sent = query(request.url);
    expect(sent.sign).toBe(signTop(sent, 'sandbox-secret', 'hmac-sha256'));
    expect(request.redacted.url).toBe('http://h/router/rest');
  });

  it('does not let caller params override the common ones or the signature', () => {
    const request = top.build({ ...base, params: { app_key: 'evil', sign: 'x', item_id: '1' }, httpMethod: 'GET' });
    const sent = query(request.url);
    expect(sent.app_key).toBe('10000001');
    expect(sent.sign).toBe(signTop(sent, 'sandbox-secret', 'hmac-sha256'));
  });

  it('names response keys as the router does', () => {
    expect(topResponseKey('taobao.qianniu.item.get')).toBe('qianniu_item_get_response');
    expect(topResponseKey('alibaba.item.get')).toBe('alibaba_item_get_response');
  });

  it('tells reads from writes', () => {
    expect(top.isRead('alibaba.item.get')).toBe(true);
    expect(top.isRead('item_search_shop')).toBe(true);
    expect(top.isRead('alibaba.trade.create')).toBe(false);
  });
});

describe('AOP request building', () => {
  const aop = new AopDialect(credentials);
  it('addresses the API in the path and signs path + sorted key+value strings', () => {
    const request = aop.build({
      apiName: 'com.alibaba.product/alibaba.product.get',
      params: { productID: '610947572360' },
      baseUrl: 'http://h/openapi/',
      httpMethod: 'POST',
      accessToken: 'sandbox-access-token',
      ...at,
    });
    expect(request.url).toBe('http://h/openapi/param2/1/com.alibaba.product/alibaba.product.get/10000001');
    const sent = Object.fromEntries(new URLSearchParams(request.body));
    expect(sent._aop_timestamp).toBe(String(at.nowMs));
    expect(sent.access_token).toBe('sandbox-access-token');
    const { _aop_signature, ...signed } = sent;
    expect(_aop_signature).toBe(
      signAop('param2/1/com.alibaba.product/alibaba.product.get/10000001', signed, 'sandbox-secret'),
    );
  });

  it('validates namespace/name and knows getToken is not a read', () => {
    expect(() => aop.validateApiName('alibaba.product.get')).toThrow(InvalidRequestError);
    expect(aop.isRead('com.alibaba.product/alibaba.product.get')).toBe(true);
    expect(aop.isRead('system.oauth2/getToken')).toBe(false);
  });
});

describe('OneBound request building', () => {
  const onebound = new OneboundDialect({ ...credentials, lang: 'en', cache: false });
  it('GETs /1688/<api>/ with key, secret and the params', () => {
    const request = onebound.build({
      apiName: 'item_get',
      params: { num_iid: '610947572360' },
      baseUrl: 'http://h',
      httpMethod: 'GET',
      ...at,
    });
    expect(request.url.startsWith('http://h/1688/item_get/?')).toBe(true);
    expect(query(request.url)).toEqual({
      key: '10000001',
      secret: 'sandbox-secret',
      num_iid: '610947572360',
      lang: 'en',
      cache: 'no',
    });
    expect(request.redacted.url).toBe('http://h/1688/item_get/');
  });

  it('keeps key and secret in the URL for POST and the rest in the body', () => {
    const request = onebound.build({
      apiName: 'item_get',
      params: { num_iid: '1' },
      baseUrl: 'http://h/',
      httpMethod: 'POST',
      ...at,
    });
    expect(query(request.url)).toEqual({ key: '10000001', secret: 'sandbox-secret' });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ num_iid: '1', lang: 'en', cache: 'no' });
    expect(request.redacted.url).toBe('http://h/1688/item_get/');
  });
});
