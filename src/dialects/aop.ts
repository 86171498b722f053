/**
 * 1688 AOP gateway (gw.open.1688.com/openapi/): the API is addressed in the path
 * `param2/1/<namespace>/<apiName>/<appKey>`, signed with `_aop_signature` over that path and the
 * sorted key+value strings. Success is the body itself; failure an `error_code` + `error_message`.
 */
import { invalidRequest, ResponseError } from '../errors.js';
import { signAop } from '../signing/index.js';
import type { NormalizedParams } from '../signing/normalize.js';
import { describeRequest } from '../transport/redact.js';
import { aopRetryAfterMs, aopRule } from './aop-codes.js';
import { errorFromRule } from './codes.js';
import { encodeForm, MAX_API_NAME, isObject, looksLikeRead, text, withQuery, withTrailingSlash } from './shared.js';
import type { BuildInput, DialectAdapter, DialectCredentials, PreparedRequest, ReadInput } from './types.js';
import { quote } from '../text/quote.js';

// namespace/name, e.g. com.alibaba.product/alibaba.product.get or system.oauth2/getToken. Each part
// starts with a letter or digit: the name goes into the URL path, where `..` or `.` would address
// another path than the one signed (`ns/..` is `param2/1/<appKey>` once a server normalises it).
const API_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/;

/** Protocol segment and version: 1688 serves OAuth under `http/1`, everything else under `param2/1`. */
export function aopUrlPath(apiName: string, appKey: string): string {
  const protocol = apiName === 'system.oauth2/getToken' ? 'http/1' : 'param2/1';
  return `${protocol}/${apiName}/${appKey}`;
}

export class AopDialect implements DialectAdapter {
  /** The 1688 gateway; the API path `param2/1/<namespace>/<name>/<appKey>` is appended. */
  static readonly defaultBaseUrl = 'https://gw.open.1688.com/openapi/';
  /** Backups are only used next to the default primary: a sandbox must never fail over to production. */
  static readonly defaultBackupUrls: readonly string[] = [];
  readonly name = 'aop' as const;
  readonly defaultMethod = 'POST' as const;

  constructor(private readonly credentials: DialectCredentials) {}

  validateApiName(apiName: string): void {
    if (apiName.length > MAX_API_NAME || !API_NAME.test(apiName)) {
      throw invalidRequest(
        `AOP API names are <namespace>/<name>, e.g. com.alibaba.product/alibaba.product.get, got ${quote(apiName)}`,
      );
    }
  }

  isRead(apiName: string): boolean {
    return looksLikeRead(apiName.slice(apiName.indexOf('/') + 1));
  }

  build(input: BuildInput): PreparedRequest {
    const { appKey, appSecret } = this.credentials;
    const urlPath = aopUrlPath(input.apiName, appKey);
    const params: NormalizedParams = { ...input.params, _aop_timestamp: String(input.nowMs) };
    if (input.accessToken !== undefined && input.accessToken !== '') params.access_token = input.accessToken;
    delete params._aop_signature;
    const signature = signAop(urlPath, params, appSecret);
    params._aop_signature = signature;
    const url = withTrailingSlash(input.baseUrl) + urlPath;
    const form = encodeForm(params);
    const redacted = describeRequest(input.httpMethod, url, params);
    return input.httpMethod === 'GET'
      ? { method: 'GET', url: withQuery(url, form), params, signature, redacted }
      : { method: 'POST', url, body: form, params, signature, redacted };
  }

  read(input: ReadInput): unknown {
    const { body } = input;
    if (!isObject(body)) {
      throw new ResponseError({
        message: `${input.apiName}: unexpected response from the 1688 gateway (HTTP ${input.httpStatus}): the body is not a JSON object`,
        code: 'unexpected-envelope',
        dialect: 'aop',
        apiName: input.apiName,
        httpStatus: input.httpStatus,
        request: input.request,
        retryable: input.httpStatus >= 500,
      });
    }
    // Gateway errors use error_code/error_message; OAuth uses error/error_description. Services
    // answer 200 with success:false and their own fields: errorCode/errorMsg/errorMessage, or
    // code/message (wzhsh90/go1688 models/response.go lists all of them, e.g.
    // {"success":false,"code":"500","message":"不是自己的订单"}); alibaba.product.get's result has
    // errMsg (makcent/1688sdk src/com/alibaba/product/param/AlibabaProductGetResult.class.php).
    // Business APIs wrap their answer in `result` and report failures there with success:false.
    const failed = body.success === false;
    const result = isObject(body.result) && body.result.success === false ? body.result : undefined;
    const code =
      text(body.error_code) ??
      text(body.error) ??
      (failed ? (text(body.errorCode) ?? text(body.code) ?? 'success-false') : undefined) ??
      (result ? (text(result.code) ?? text(result.errorCode) ?? 'success-false') : undefined);
    if (code === undefined && input.httpStatus < 400) return body;
    const message =
      text(body.error_message) ??
      text(body.error_description) ??
      text(body.errorMessage) ??
      text(body.errorMsg) ??
      (failed ? (text(body.errMsg) ?? text(body.message)) : undefined) ??
      (result ? (text(result.message) ?? text(result.errorMsg) ?? text(result.errorMessage)) : undefined);
    const found = aopRule(code, input.httpStatus);
    throw errorFromRule(
      found,
      {
        message: `${input.apiName} failed with 1688 code ${code ?? `HTTP ${input.httpStatus}`}: ${found.meaning}`,
        code: code ?? String(input.httpStatus),
        serverMessage: message,
        requestId: text(body.request_id) ?? text(body.requestId) ?? input.headers['x-request-id'],
        dialect: 'aop',
        apiName: input.apiName,
        httpStatus: input.httpStatus,
        request: input.request,
        retryAfterMs: aopRetryAfterMs(message),
      },
      input.redact,
    );
  }
}
