/**
 * The AOP dialect (1688 gateway) at /openapi/param2/1/<namespace>/<apiName>/<appKey>. The signature
 * `_aop_signature` covers the url path `param2/1/<namespace>/<apiName>/<appKey>` plus the sorted
 * key+value strings (the signing contract); APIs that act for a member need an `access_token`.
 *
 * Errors are `{"error_code","error_message","request_id"}` with these HTTP statuses:
 *
 * | error_code | HTTP | when |
 * |---|---|---|
 * | gw.AppKeyMissing | 400 | no app key segment in the path |
 * | gw.AppKeyNotExist | 401 | the app key is not registered |
 * | gw.APIUnsupported | 400 | unknown protocol, version, namespace or API |
 * | gw.QosAppFrequencyLimit | 429 | the app's QPS / per-minute window is full |
 * | gw.QosRequestLimit | 429 | the gateway itself sheds load (fault `rate-limit-error`) |
 * | gw.TimestampInvalid | 400 | `_aop_timestamp` is not ms since the epoch or >10 min off |
 * | gw.SignatureInvalid | 401 | `_aop_signature` missing or wrong |
 * | gw.APIACLDecline | 403 | the app may not call this API |
 * | gw.AccessTokenMissing / gw.AccessTokenInvalid / gw.AccessTokenExpired | 401 | access_token problems |
 * | gw.ParameterMissing / gw.ParameterInvalid | 400 | business parameters, duplicates |
 * | gw.RequestTooLarge | 413 | body over 1 MB |
 * | gw.ResourceNotFound | 404 | unknown product |
 * | gw.ServiceUnavailable | 503 | fault `service-error` |
 */
import { timingSafeEqual } from 'node:crypto';
import { signAop } from '../signing/index.js';
import type { RegisteredApp } from './apps.js';
import { admit, MAX_SKEW_MS, type SandboxContext } from './context.js';
import { findItem } from './items.js';
import { toJsonText } from './json-text.js';
import { handleGetToken } from './oauth-endpoint.js';
import { aopProductGet } from './fixtures/aop-product.js';
import type { TopItem } from './fixtures/types.js';
import { itemIdParam, type ParamProblem } from './params.js';
import { jsonReply, type IncomingCall, type Reply } from './reply.js';

export const AOP_ERROR_STATUS: Readonly<Record<string, number>> = {
  'gw.AppKeyMissing': 400,
  'gw.AppKeyNotExist': 401,
  'gw.APIUnsupported': 400,
  'gw.QosAppFrequencyLimit': 429,
  'gw.QosRequestLimit': 429,
  'gw.TimestampInvalid': 400,
  'gw.SignatureInvalid': 401,
  'gw.APIACLDecline': 403,
  'gw.AccessTokenMissing': 401,
  'gw.AccessTokenInvalid': 401,
  'gw.AccessTokenExpired': 401,
  'gw.ParameterMissing': 400,
  'gw.ParameterInvalid': 400,
  'gw.RequestTooLarge': 413,
  'gw.ResourceNotFound': 404,
  'gw.ServiceUnavailable': 503,
  'gw.HttpMethodNotAllowed': 405,
};

export const GET_TOKEN_API = 'system.oauth2/getToken';
export const PRODUCT_GET_API = 'com.alibaba.product/alibaba.product.get';
// No shop search here: no public source shows what com.alibaba.product/alibaba.item.search.shop
// answers, so the sandbox does not make one up (the SDK's typed methods refuse that dialect).

interface AopApi {
  needsToken: boolean;
  handle: (ctx: SandboxContext, call: IncomingCall, app: RegisteredApp) => Reply;
}

export function aopErrorReply(
  ctx: SandboxContext,
  code: string,
  message: string,
  fields: { appKey?: string | undefined; api?: string | undefined; rateLimited?: boolean },
): Reply {
  const body = { error_code: code, error_message: message, request_id: ctx.requestId() };
  return jsonReply(AOP_ERROR_STATUS[code] ?? 400, toJsonText(body), {
    outcome: fields.rateLimited ? 'rate-limited' : 'error',
    code,
    ...(fields.appKey === undefined ? {} : { appKey: fields.appKey }),
    ...(fields.api === undefined ? {} : { api: fields.api }),
  });
}

/** `{"success":true,"productInfo":{…}}`: the shape public 1688 SDKs read (fixtures/aop-product.ts). */
function productReply(ctx: SandboxContext, app: RegisteredApp, top: TopItem): Reply {
  return jsonReply(200, toJsonText(aopProductGet(top)), { outcome: 'ok', appKey: app.appKey, api: PRODUCT_GET_API });
}

function paramError(ctx: SandboxContext, problem: ParamProblem, app: RegisteredApp, api: string): Reply {
  const code = problem.kind === 'missing' ? 'gw.ParameterMissing' : 'gw.ParameterInvalid';
  return aopErrorReply(ctx, code, problem.message, { appKey: app.appKey, api });
}

const AOP_APIS: Readonly<Record<string, AopApi>> = {
  [PRODUCT_GET_API]: {
    needsToken: true,
    handle: (ctx, call, app) => {
      const id = itemIdParam(call.params, 'productID');
      if (!id.ok) return paramError(ctx, id.problem, app, PRODUCT_GET_API);
      const site = call.params.webSite;
      if (site !== undefined && site !== '1688' && site !== 'alibaba') {
        return paramError(
          ctx,
          { kind: 'invalid', param: 'webSite', message: 'webSite must be 1688 or alibaba' },
          app,
          PRODUCT_GET_API,
        );
      }
      const item = findItem(ctx.catalogue, id.value);
      if (!item) {
        return aopErrorReply(ctx, 'gw.ResourceNotFound', `product ${id.value} does not exist`, {
          appKey: app.appKey,
          api: PRODUCT_GET_API,
        });
      }
      return productReply(ctx, app, item.top);
    },
  },
};

/** The AOP API a path names (`namespace/apiName`), for logs and fault matching; undefined if malformed. */
export function aopApiOf(path: string): string | undefined {
  const segments = path.replace(/^\/openapi\//, '').split('/');
  return segments.length >= 4 ? `${segments[2]}/${segments[3]}` : undefined;
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function handleAop(ctx: SandboxContext, call: IncomingCall): Reply {
  const urlPath = call.path.replace(/^\/openapi\//, '');
  const segments = urlPath.split('/');
  const [protocol, version, namespace, apiName, appKey] = segments;
  const api = namespace !== undefined && apiName !== undefined ? `${namespace}/${apiName}` : undefined;
  // An API with recorded answers or a handler passes as known; they answer after every check.
  const replays = ctx.replay.serves('aop', api);
  const known =
    api !== undefined && (replays || api === GET_TOKEN_API || Object.prototype.hasOwnProperty.call(AOP_APIS, api));
  const fail = (code: string, message: string, key?: string, rateLimited = false) =>
    aopErrorReply(ctx, code, message, { appKey: key, api: known ? api : undefined, rateLimited });

  if (call.httpMethod !== 'GET' && call.httpMethod !== 'POST') {
    return fail('gw.HttpMethodNotAllowed', 'use GET or POST');
  }
  if (call.tooLarge) return fail('gw.RequestTooLarge', 'the request body exceeds 1 MB');
  if (segments.length === 4 || (segments.length === 5 && !appKey)) {
    return fail('gw.AppKeyMissing', 'the app key is missing from the url path');
  }
  if (segments.length !== 5 || !known || version !== '1') {
    return fail('gw.APIUnsupported', `unsupported api: ${urlPath.slice(0, 200)}`);
  }
  const isToken = api === GET_TOKEN_API;
  if (protocol !== 'param2' && !(isToken && protocol === 'http')) {
    return fail('gw.APIUnsupported', `unsupported protocol ${protocol}`);
  }
  if (call.duplicateKeys.length > 0) {
    return fail('gw.ParameterInvalid', `parameter sent more than once: ${call.duplicateKeys.slice(0, 5).join(', ')}`);
  }
  const app = ctx.apps.get(appKey);
  if (!app) return fail('gw.AppKeyNotExist', 'the app key does not exist');

  const decision = admit(ctx, app, call.clockMs);
  if (!decision.admitted)
    return fail('gw.QosAppFrequencyLimit', 'App call exceeds limited frequency', app.appKey, true);

  if (isToken) return handleGetToken(ctx, call, app, urlPath, same);

  const p = call.params;
  if (p._aop_timestamp !== undefined) {
    const sent = /^\d{1,16}$/.test(p._aop_timestamp) ? Number(p._aop_timestamp) : NaN;
    if (!(Math.abs(sent - ctx.clock.now()) <= MAX_SKEW_MS)) {
      return fail('gw.TimestampInvalid', '_aop_timestamp must be ms since the epoch, within 10 minutes', app.appKey);
    }
  }
  if (!p._aop_signature) return fail('gw.SignatureInvalid', 'the request is not signed (_aop_signature)', app.appKey);
  let expected = '';
  try {
    expected = signAop(urlPath, p, app.appSecret);
  } catch {
    expected = '';
  }
  if (expected === '' || !same(p._aop_signature, expected)) {
    return fail('gw.SignatureInvalid', 'Request signature is invalid', app.appKey);
  }
  if (app.apis && !app.apis.has(api)) return fail('gw.APIACLDecline', `the app may not call ${api}`, app.appKey);
  const spec = Object.prototype.hasOwnProperty.call(AOP_APIS, api) ? AOP_APIS[api] : undefined;
  // A token sent is always checked; a replayed API needs none unless the built-in one does.
  if (spec?.needsToken === true || p.access_token !== undefined) {
    const token = ctx.oauth.checkAccessToken(app.appKey, p.access_token);
    if (token === 'missing') return fail('gw.AccessTokenMissing', 'Request need user authorized', app.appKey);
    if (token === 'expired') return fail('gw.AccessTokenExpired', 'the access token has expired', app.appKey);
    if (token !== 'ok') return fail('gw.AccessTokenInvalid', 'the access token is not valid for this app', app.appKey);
  }
  const replayed = replays ? ctx.replay.answer('aop', api, p, app.appKey) : undefined;
  if (replayed) return replayed;
  if (!spec) return fail('gw.APIUnsupported', `unsupported api: ${urlPath.slice(0, 200)}`, app.appKey);
  return spec.handle(ctx, call, app);
}
