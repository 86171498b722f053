/**
 * OneBound key/secret gateway (seeds 000, 001): `<root>/1688/<api_name>/?key=…&secret=…&…`. The
 * secret itself travels, so it is redacted everywhere. Success is `error_code` "0000" with the data
 * in `item` (details) or `items` (searches).
 */
import { invalidRequest, ResponseError } from '../errors.js';
import type { NormalizedParams } from '../signing/normalize.js';
import { describeRequest } from '../transport/redact.js';
import { errorFromRule } from './codes.js';
import { oneboundRule } from './onebound-codes.js';
import { encodeForm, MAX_API_NAME, isObject, text, withQuery, withTrailingSlash } from './shared.js';
import type { BuildInput, DialectAdapter, DialectCredentials, PreparedRequest, ReadInput } from './types.js';
import { quote } from '../text/quote.js';

const API_NAME = /^[A-Za-z0-9_]+$/;

export class OneboundDialect implements DialectAdapter {
  /** Seeds 000 and 001: the gateway and its backup host. */
  static readonly defaultBaseUrl = 'https://api-gw.onebound.cn/';
  /** Backups are only used next to the default primary: a sandbox must never fail over to production. */
  static readonly defaultBackupUrls: readonly string[] = ['https://api-1.onebound.cn/'];
  readonly name = 'onebound' as const;
  readonly defaultMethod = 'GET' as const;

  constructor(private readonly credentials: DialectCredentials) {}

  validateApiName(apiName: string): void {
    if (apiName.length > MAX_API_NAME || !API_NAME.test(apiName))
      throw invalidRequest(`OneBound API names look like item_get, got ${quote(apiName)}`);
  }

  /** Every OneBound API is a data read. */
  isRead(): boolean {
    return true;
  }

  build(input: BuildInput): PreparedRequest {
    const { appKey, appSecret, lang, cache } = this.credentials;
    const url = `${withTrailingSlash(input.baseUrl)}1688/${input.apiName}/`;
    // The document wants key (and secret) in the URL even for POST; the rest may go in the body.
    const credentials: NormalizedParams = { key: appKey, secret: appSecret };
    const rest: NormalizedParams = { ...input.params };
    delete rest.key;
    delete rest.secret;
    if (lang !== undefined && rest.lang === undefined) rest.lang = lang;
    if (cache !== undefined && rest.cache === undefined) rest.cache = cache ? 'yes' : 'no';
    const params = { ...credentials, ...rest };
    const redacted = describeRequest(input.httpMethod, url, params);
    return input.httpMethod === 'GET'
      ? { method: 'GET', url: withQuery(url, encodeForm(params)), params, redacted }
      : { method: 'POST', url: withQuery(url, encodeForm(credentials)), body: encodeForm(rest), params, redacted };
  }

  read(input: ReadInput): unknown {
    const { body } = input;
    const code = isObject(body) ? text(body.error_code) : undefined;
    if (!isObject(body) || code === undefined) {
      throw new ResponseError({
        message: `${input.apiName}: unexpected response from the OneBound gateway (HTTP ${input.httpStatus}): no error_code`,
        code: 'unexpected-envelope',
        dialect: 'onebound',
        apiName: input.apiName,
        httpStatus: input.httpStatus,
        request: input.request,
        retryable: input.httpStatus >= 500,
      });
    }
    if (code === '0000') {
      if (body.item !== undefined) return body.item;
      if (body.items !== undefined) return body.items;
      throw new ResponseError({
        message: `${input.apiName}: the OneBound body says success but has neither item nor items`,
        code: 'unexpected-envelope',
        dialect: 'onebound',
        apiName: input.apiName,
        httpStatus: input.httpStatus,
        request: input.request,
      });
    }
    const reason = text(body.reason);
    const error = text(body.error);
    const found = oneboundRule(code, input.httpStatus);
    throw errorFromRule(
      found,
      {
        message: `${input.apiName} failed with OneBound code ${code}: ${found.meaning}`,
        code,
        subCode: error === '' ? undefined : error,
        serverMessage: reason === undefined || reason === '' ? undefined : reason,
        subMessage: error === undefined || error === '' ? undefined : error,
        requestId: text(body.request_id),
        dialect: 'onebound',
        apiName: input.apiName,
        httpStatus: input.httpStatus,
        request: input.request,
        retryAfterMs: undefined,
      },
      input.redact,
    );
  }
}
