/**
 * TOP router (gw.api.taobao.com/router/rest and the 1688 flavour): `method` names the API, common
 * params + `sign`; success is `{"<name>_response": {...}}`, failure `{"error_response": {...}}`.
 */
import { invalidRequest, ResponseError } from '../errors.js';
import { signTop } from '../signing/index.js';
import type { NormalizedParams } from '../signing/normalize.js';
import { describeRequest } from '../transport/redact.js';
import { errorFromRule } from './codes.js';
import { encodeForm, MAX_API_NAME, isObject, looksLikeRead, text, withQuery } from './shared.js';
import { banMsFrom, topRule } from './top-codes.js';
import type { BuildInput, DialectAdapter, DialectCredentials, PreparedRequest, ReadInput } from './types.js';
import { quote } from '../text/quote.js';

const API_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** APIs a seed shows answered without the `<name>_response` wrapper (seed 003: item_search_shop). */
const UNWRAPPED_APIS = new Set(['item_search_shop']);

/** `taobao.qianniu.item.get` → `qianniu_item_get_response`; `alibaba.item.get` → `alibaba_item_get_response`. */
export function topResponseKey(apiName: string): string {
  return `${apiName.replace(/^taobao\./, '').replace(/\./g, '_')}_response`;
}

export class TopDialect implements DialectAdapter {
  /** The TOP router (DESIGN.md; eco.taobao.com and the 1688 router answer the same protocol). */
  static readonly defaultBaseUrl = 'https://gw.api.taobao.com/router/rest';
  /** Backups are only used next to the default primary: a sandbox must never fail over to production. */
  static readonly defaultBackupUrls: readonly string[] = [];
  readonly name = 'top' as const;
  readonly defaultMethod = 'POST' as const;

  constructor(private readonly credentials: DialectCredentials) {}

  validateApiName(apiName: string): void {
    if (apiName.length > MAX_API_NAME || !API_NAME.test(apiName))
      throw invalidRequest(`TOP API names look like alibaba.item.get, got ${quote(apiName)}`);
  }

  isRead(apiName: string): boolean {
    return looksLikeRead(apiName);
  }

  build(input: BuildInput): PreparedRequest {
    const { appKey, appSecret, signMethod } = this.credentials;
    const session = input.session ?? this.credentials.session;
    // Caller params first, so that the common params cannot be overridden by accident.
    const params: NormalizedParams = {
      ...input.params,
      method: input.apiName,
      app_key: appKey,
      timestamp: input.beijingTimestamp,
      format: 'json',
      v: '2.0',
      sign_method: signMethod,
    };
    if (session !== undefined && session !== '') params.session = session;
    delete params.sign;
    const signature = signTop(params, appSecret, signMethod);
    params.sign = signature;
    const form = encodeForm(params);
    const redacted = describeRequest(input.httpMethod, input.baseUrl, params);
    return input.httpMethod === 'GET'
      ? { method: 'GET', url: withQuery(input.baseUrl, form), params, signature, redacted }
      : { method: 'POST', url: input.baseUrl, body: form, params, signature, redacted };
  }

  read(input: ReadInput): unknown {
    const { body, apiName } = input;
    if (!isObject(body)) throw unexpected(input, 'the body is not a JSON object');
    const failure = body.error_response;
    if (isObject(failure)) throw topError(input, failure);
    const payload = body[topResponseKey(apiName)];
    if (isObject(payload)) return payload;
    // Seed 003 (四、响应数据解析) prints the answer of item_search_shop on the 1688 router as
    // `{"items":{…}}`, with no `item_search_shop_response` wrapper; DESIGN.md's dialect table says to
    // read both. Only that API: any other body without its wrapper is still unexpected.
    if (UNWRAPPED_APIS.has(apiName) && isObject(body.items)) return body;
    throw unexpected(input, `the body has no ${topResponseKey(apiName)} and no error_response`);
  }
}

function topError(input: ReadInput, failure: Record<string, unknown>) {
  const code = text(failure.code);
  const subCode = text(failure.sub_code);
  const msg = text(failure.msg);
  const subMsg = text(failure.sub_msg);
  const found = topRule(code, subCode, input.httpStatus);
  return errorFromRule(
    found,
    {
      message: `${input.apiName} failed with TOP code ${code ?? '?'}${subCode ? `/${subCode}` : ''}: ${found.meaning}`,
      code,
      subCode,
      serverMessage: msg,
      subMessage: subMsg,
      requestId: text(failure.request_id),
      dialect: 'top',
      apiName: input.apiName,
      httpStatus: input.httpStatus,
      request: input.request,
      retryAfterMs: banMsFrom(subMsg, msg),
    },
    input.redact,
  );
}

function unexpected(input: ReadInput, what: string): ResponseError {
  return new ResponseError({
    message: `${input.apiName}: unexpected response from the TOP gateway (HTTP ${input.httpStatus}): ${what}`,
    code: 'unexpected-envelope',
    dialect: 'top',
    apiName: input.apiName,
    httpStatus: input.httpStatus,
    request: input.request,
    retryable: input.httpStatus >= 500,
  });
}
