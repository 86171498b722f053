import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  OpenApiError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ServiceError,
  SignatureError,
  TimestampError,
  type OpenApiErrorClass,
} from '../../src/errors';
import { AopDialect } from '../../src/dialects/aop';
import { OneboundDialect } from '../../src/dialects/onebound';
import { TopDialect } from '../../src/dialects/top';
import type { DialectAdapter, ReadInput } from '../../src/dialects/types';

const credentials = { appKey: '10000001', appSecret: 'sandbox-secret', signMethod: 'md5' as const };
const request = { method: 'POST' as const, url: 'http://127.0.0.1/x', paramNames: [] };

function read(dialect: DialectAdapter, apiName: string, body: unknown, httpStatus = 200): unknown {
  const input: ReadInput = { apiName, httpStatus, body, headers: {}, request, redact: (t) => t };
  return dialect.read(input);
}

function failure(dialect: DialectAdapter, apiName: string, body: unknown, httpStatus = 200): OpenApiError {
  try {
    read(dialect, apiName, body, httpStatus);
  } catch (error) {
    if (error instanceof OpenApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const top = new TopDialect(credentials);
const aop = new AopDialect(credentials);
const onebound = new OneboundDialect(credentials);

describe('TOP codes reach the caller as the right class', () => {
  // Every system code of the sandbox issue, the seed-004 table and the seed-003 sub-codes.
  const CASES: Array<[string, string | undefined, OpenApiErrorClass, boolean]> = [
    ['7', 'accesscontrol.limited-by-app-access-count', RateLimitError, true],
    ['11', undefined, PermissionError, false],
    ['21', undefined, InvalidRequestError, false],
    ['22', undefined, NotFoundError, false],
    ['25', undefined, SignatureError, false],
    ['26', undefined, AuthenticationError, false],
    ['27', undefined, AuthenticationError, false],
    ['28', undefined, AuthenticationError, false],
    ['29', undefined, AuthenticationError, false],
    ['30', undefined, TimestampError, false],
    ['31', undefined, TimestampError, false],
    ['40', undefined, InvalidRequestError, false],
    ['41', undefined, InvalidRequestError, false],
    ['15', 'isv.item-not-exist', NotFoundError, false],
    ['15', 'isv.invalid-parameter', InvalidRequestError, false],
    ['15', 'isv.something-new', InvalidRequestError, false],
    ['15', 'isp.top-remote-connection-timeout', ServiceError, true],
    ['15', 'isp.unknown-error', ServiceError, true],
    ['15', 'isv.invalid-permission', PermissionError, false],
    ['15', 'isv.param-error', InvalidRequestError, false],
    ['50', 'isv.invalid-parameter', InvalidRequestError, false],
    ['100', undefined, AuthenticationError, false],
    ['101', undefined, SignatureError, false],
    ['110', undefined, PermissionError, false],
    ['200', undefined, NotFoundError, false],
    ['429', undefined, RateLimitError, true],
    ['500', undefined, ServiceError, true],
    ['15', 'accesscontrol.limited-by-api-access-count', RateLimitError, true],
    ['15', 'accesscontrol.limited-by-app-daily-quota', QuotaExceededError, false],
  ];

  it.each(CASES)('code %s / %s → %p', (code, subCode, type, retryable) => {
    const error = failure(top, 'alibaba.item.get', {
      error_response: {
        code: Number(code),
        msg: '服务端消息',
        sub_code: subCode,
        sub_msg: '子消息 verbatim',
        request_id: 'req-1',
      },
    });
    expect(error).toBeInstanceOf(type);
    expect(error.retryable).toBe(retryable);
    expect(error.code).toBe(code);
    expect(error.subCode).toBe(subCode);
    expect(error.serverMessage).toBe('服务端消息');
    expect(error.subMessage).toBe('子消息 verbatim');
    expect(error.requestId).toBe('req-1');
    expect(error.apiName).toBe('alibaba.item.get');
    expect(error.dialect).toBe('top');
    expect(error.message).toContain('服务端消息');
  });

  it('reads the ban length of code 7', () => {
    const error = failure(top, 'alibaba.item.get', {
      error_response: {
        code: 7,
        msg: 'App Call Limited',
        sub_code: 'accesscontrol.limited-by-app-access-count',
        sub_msg: 'This ban will last for 17 more seconds',
      },
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(17_000);
  });

  it('falls back to OpenApiError for unknown codes, retryable from the status', () => {
    const unknown = failure(top, 'alibaba.item.get', { error_response: { code: 999, msg: 'odd' } });
    expect(unknown.constructor).toBe(OpenApiError);
    expect(unknown.retryable).toBe(false);
    const unknown5xx = failure(top, 'alibaba.item.get', { error_response: { code: 999, msg: 'odd' } }, 503);
    expect(unknown5xx.retryable).toBe(true);
  });

  it('unwraps <name>_response, dropping a leading taobao.', () => {
    expect(read(top, 'alibaba.item.get', { alibaba_item_get_response: { item: { id: 1 } } })).toEqual({
      item: { id: 1 },
    });
    expect(read(top, 'taobao.qianniu.item.get', { qianniu_item_get_response: { page: 1 } })).toEqual({ page: 1 });
    expect(read(top, 'item_search_shop', { item_search_shop_response: { items: [] } })).toEqual({ items: [] });
  });

  it('rejects a wrong envelope as ResponseError', () => {
    expect(failure(top, 'alibaba.item.get', { other_response: {} }).name).toBe('ResponseError');
    expect(failure(top, 'alibaba.item.get', ['x']).name).toBe('ResponseError');
  });

  it('reads item_search_shop without its wrapper, as seed 003 prints it; no other API', () => {
    const page = { page: '1', total_results: 0, page_size: 40, pagecount: 0 };
    expect(read(top, 'item_search_shop', { items: page })).toEqual({ items: page });
    expect(failure(top, 'alibaba.item.get', { items: page }).code).toBe('unexpected-envelope');
    expect(failure(top, 'item_search_shop', { items: 'not an object' }).code).toBe('unexpected-envelope');
  });
});

describe('seed 004: the 1688 router table, the same class on TOP and on AOP', () => {
  const CASES: Array<[string, string, OpenApiErrorClass, boolean]> = [
    ['100', '缺少 app_key', AuthenticationError, false],
    ['101', '签名错误', SignatureError, false],
    ['110', 'IP 不在白名单', PermissionError, false],
    ['200', '商品不存在', NotFoundError, false],
    ['429', '调用频率超限', RateLimitError, true],
    ['500', '服务器内部错误', ServiceError, true],
  ];
  it.each(CASES)('%s %s → %p', (code, msg, type, retryable) => {
    const onTop = failure(top, 'alibaba.item.get', { error_response: { code: Number(code), msg } });
    const onAop = failure(
      aop,
      'com.alibaba.product/alibaba.product.get',
      { error_code: code, error_message: msg },
      400,
    );
    const onAopService = failure(aop, 'com.alibaba.product/alibaba.product.get', {
      success: false,
      errorCode: code,
      errorMsg: msg,
    });
    for (const error of [onTop, onAop, onAopService]) {
      expect(error).toBeInstanceOf(type);
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(error.serverMessage).toBe(msg);
    }
  });
});

describe('AOP codes', () => {
  const CASES: Array<[string, number, OpenApiErrorClass, boolean]> = [
    ['gw.SignatureInvalid', 400, SignatureError, false],
    ['gw.AppKeyNotExist', 401, AuthenticationError, false],
    ['gw.InvalidAccessToken', 401, AuthenticationError, false],
    ['gw.AccessTokenExpired', 401, AuthenticationError, false],
    ['gw.AccessDenied', 403, PermissionError, false],
    ['gw.APINotFound', 404, NotFoundError, false],
    ['gw.QPSLimited', 429, RateLimitError, true],
    ['gw.QuotaExceeded', 403, QuotaExceededError, false],
    ['gw.TimestampExpired', 400, TimestampError, false],
    ['gw.MissingParameter', 400, InvalidRequestError, false],
    ['gw.ServiceUnavailable', 503, ServiceError, true],
    ['invalid_grant', 400, AuthenticationError, false],
    ['gw.AppKeyMissing', 400, AuthenticationError, false],
    ['gw.QosAppFrequencyLimit', 429, RateLimitError, true],
    ['gw.QosRequestLimit', 429, RateLimitError, true],
    ['gw.APIACLDecline', 403, PermissionError, false],
    ['gw.AccessTokenMissing', 401, AuthenticationError, false],
    ['gw.AccessTokenInvalid', 401, AuthenticationError, false],
    ['gw.ParameterMissing', 400, InvalidRequestError, false],
    ['gw.ResourceNotFound', 404, NotFoundError, false],
    ['gw.RequestTooLarge', 413, InvalidRequestError, false],
    ['gw.APIUnsupported', 400, NotFoundError, false],
    ['gw.SomethingNew', 500, OpenApiError, true],
    ['gw.SomethingNew', 400, OpenApiError, false],
  ];
  it.each(CASES)('%s (HTTP %d) → %p', (code, status, type, retryable) => {
    const error = failure(
      aop,
      'com.alibaba.product/alibaba.product.get',
      { error_code: code, error_message: '网关消息' },
      status,
    );
    expect(error).toBeInstanceOf(type);
    if (type === OpenApiError) expect(error.constructor).toBe(OpenApiError);
    expect(error.retryable).toBe(retryable);
    expect(error.serverMessage).toBe('网关消息');
    expect(error.httpStatus).toBe(status);
  });

  it('reads the wait of gw.QosRequestLimit', () => {
    const error = failure(
      aop,
      'com.alibaba.product/alibaba.product.get',
      {
        error_code: 'gw.QosRequestLimit',
        error_message: 'The request has exceeded the limit, retry in 3 s',
      },
      429,
    );
    expect((error as RateLimitError).retryAfterMs).toBe(3_000);
  });

  it('reads a business failure inside result (success:false)', () => {
    const error = failure(aop, 'com.alibaba.product/alibaba.product.get', {
      result: { success: false, code: '500_001', message: '商品不存在或已下架' },
    });
    expect(error.code).toBe('500_001');
    expect(error.serverMessage).toBe('商品不存在或已下架');
  });

  it('reads success:false with code/message or errMsg, keeping the server text verbatim', () => {
    // wzhsh90/go1688 models/response.go: {"success":false,"code":"500","message":"不是自己的订单"}
    const coded = failure(aop, 'com.alibaba.trade/alibaba.trade.preparePay', {
      success: false,
      code: '500',
      message: '不是自己的订单',
    });
    expect(coded).toBeInstanceOf(ServiceError);
    expect(coded.serverMessage).toBe('不是自己的订单');
    // makcent/1688sdk AlibabaProductGetResult: errMsg.
    const errMsg = failure(aop, 'com.alibaba.product/alibaba.product.get', { success: false, errMsg: '商品不存在' });
    expect(errMsg.code).toBe('success-false');
    expect(errMsg.serverMessage).toBe('商品不存在');
    expect(errMsg.message).toContain('商品不存在');
  });

  it('reads OAuth errors and success bodies', () => {
    const oauth = failure(
      aop,
      'system.oauth2/getToken',
      { error: 'invalid_grant', error_description: 'code used' },
      400,
    );
    expect(oauth).toBeInstanceOf(AuthenticationError);
    expect(oauth.serverMessage).toBe('code used');
    expect(read(aop, 'com.alibaba.product/alibaba.product.get', { productInfo: { productID: '1' } })).toEqual({
      productInfo: { productID: '1' },
    });
  });
});

describe('OneBound codes (seed 000)', () => {
  const CASES: Array<[string, OpenApiErrorClass, boolean]> = [
    ['2000', NotFoundError, false],
    ['4000', ServiceError, true],
    ['4001', ServiceError, true],
    ['4002', ServiceError, true],
    ['4003', InvalidRequestError, false],
    ['4004', AuthenticationError, false],
    ['4005', AuthenticationError, false],
    ['4006', PermissionError, false],
    ['4007', AuthenticationError, false],
    ['4008', RateLimitError, true],
    ['4009', ServiceError, true],
    ['4010', NotFoundError, false],
    ['4012', PermissionError, false],
    ['4013', QuotaExceededError, false],
    ['4014', InvalidRequestError, false],
    ['4015', InvalidRequestError, false],
    ['4016', QuotaExceededError, false],
    ['4017', ServiceError, true],
    ['5000', ServiceError, true],
  ];
  it.each(CASES)('error_code %s → %p', (code, type, retryable) => {
    const error = failure(onebound, 'item_get', {
      error: 'item-not-found',
      reason: '商品没找到',
      error_code: code,
      request_id: 'ob-1',
    });
    expect(error).toBeInstanceOf(type);
    expect(error.retryable).toBe(retryable);
    expect(error.serverMessage).toBe('商品没找到');
    expect(error.subCode).toBe('item-not-found');
    expect(error.requestId).toBe('ob-1');
  });

  it('unwraps item and items on 0000', () => {
    expect(read(onebound, 'item_get', { item: { num_iid: '1' }, error_code: '0000' })).toEqual({ num_iid: '1' });
    expect(read(onebound, 'item_search_shop', { items: { page: '1' }, error_code: '0000' })).toEqual({ page: '1' });
    expect(failure(onebound, 'item_get', { error_code: '0000' }).name).toBe('ResponseError');
    expect(failure(onebound, 'item_get', { item: {} }).name).toBe('ResponseError');
  });
});
