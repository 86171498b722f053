/**
 * The TOP dialect at /router/rest. Checks come in the order the real router applies them, each with
 * the real TOP code: app key (28/29), call limit (7), method (21/22), format (23), timestamp (30/31),
 * version (32/33), signature (24/25), permission (11), session (26/27), then the API's own arguments
 * (40/41) and business errors (15 with isv.* / isp.* sub-codes). Errors are HTTP 200 with
 * `{"error_response":{code,msg,sub_code,sub_msg,request_id}}`, as on the real router.
 */
import { timingSafeEqual } from 'node:crypto';
import { signTop, TOP_SIGN_METHODS, type TopSignMethod } from '../signing/index.js';
// The response key rule of DESIGN.md's TOP row, one function for the client and the sandbox.
import { topResponseKey } from '../dialects/top.js';
import type { RegisteredApp } from './apps.js';
import { parseBeijingTimestamp } from './clock.js';
import { admit, MAX_SKEW_MS, type SandboxContext } from './context.js';
import type { QianniuItemInfo } from './fixtures/shapes.js';
import { findItem } from './items.js';
import { idValue, toJsonText } from './json-text.js';
import { itemIdParam, shopParams, type ParamProblem } from './params.js';
import { jsonReply, type IncomingCall, type Reply } from './reply.js';

type TopHandler = (ctx: SandboxContext, call: IncomingCall, app: RegisteredApp) => Reply;

interface TopMethod {
  needsSession: boolean;
  handle: TopHandler;
}

export interface TopErrorFields {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
}

export function topErrorReply(
  ctx: SandboxContext,
  error: TopErrorFields,
  fields: { appKey?: string; api?: string; rateLimited?: boolean },
): Reply {
  const body = { error_response: { ...error, request_id: ctx.requestId() } };
  return jsonReply(200, toJsonText(body), {
    outcome: fields.rateLimited ? 'rate-limited' : 'error',
    code: String(error.code),
    ...(fields.appKey === undefined ? {} : { appKey: fields.appKey }),
    ...(fields.api === undefined ? {} : { api: fields.api }),
  });
}

export function topRateLimitError(banSeconds: number): TopErrorFields {
  return {
    code: 7,
    msg: 'App Call Limited',
    sub_code: 'accesscontrol.limited-by-app-access-count',
    sub_msg: `This ban will last for ${banSeconds} more seconds`,
  };
}

function argumentError(problem: ParamProblem): TopErrorFields {
  return problem.kind === 'missing'
    ? { code: 40, msg: 'Missing Required Arguments', sub_code: 'isv.missing-parameter', sub_msg: problem.message }
    : { code: 41, msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: problem.message };
}

function ok(ctx: SandboxContext, method: string, app: RegisteredApp, payload: Record<string, unknown>): Reply {
  const body = { [topResponseKey(method)]: { ...payload, request_id: ctx.requestId() } };
  return jsonReply(200, toJsonText(body), { outcome: 'ok', appKey: app.appKey, api: method });
}

const itemGet: TopHandler = (ctx, call, app) => {
  const method = 'alibaba.item.get';
  const id = itemIdParam(call.params, 'item_id');
  if (!id.ok) return topErrorReply(ctx, argumentError(id.problem), { appKey: app.appKey, api: method });
  const item = findItem(ctx.catalogue, id.value);
  if (!item) {
    const error = { code: 15, msg: 'Remote service error', sub_code: 'isv.item-not-exist', sub_msg: '商品不存在' };
    return topErrorReply(ctx, error, { appKey: app.appKey, api: method });
  }
  return ok(ctx, method, app, { item: item.top });
};

function shopSearch(method: string): TopHandler {
  return (ctx, call, app) => {
    const request = shopParams(call.params);
    if (!request.ok) return topErrorReply(ctx, argumentError(request.problem), { appKey: app.appKey, api: method });
    const shop = ctx.catalogue.listedShop(request.value.sellerNick);
    if (!shop) {
      const error = { code: 15, msg: 'Remote service error', sub_code: 'isv.shop-not-exist', sub_msg: '店铺不存在' };
      return topErrorReply(ctx, error, { appKey: app.appKey, api: method });
    }
    const items = shop.search(request.value.query);
    // Seed 003 prints item_search_shop answered as `{"items":{…}}`, with no *_response wrapper.
    if (method === 'item_search_shop') {
      return jsonReply(200, toJsonText({ items }), { outcome: 'ok', appKey: app.appKey, api: method });
    }
    return ok(ctx, method, app, { items });
  };
}

function jsonNumberId(id: bigint): number {
  const value = idValue(id);
  return (typeof value === 'string' ? Number(value) : value) as number;
}

/** taobao.qianniu.item.get (seed 002): the items of the session's shop, page by page. */
const qianniuItemGet: TopHandler = (ctx, call, app) => {
  const method = 'taobao.qianniu.item.get';
  const p = call.params;
  for (const key of ['user_id', 'sub_user_id', 'page', 'page_size', 'type', 'id', 'ltimestamp', 'direction']) {
    const value = p[key];
    if (value !== undefined && !/^-?\d{1,19}$/.test(value)) {
      const problem: ParamProblem = {
        kind: 'invalid',
        param: key,
        message: `Invalid arguments:${key} must be a number`,
      };
      return topErrorReply(ctx, argumentError(problem), { appKey: app.appKey, api: method });
    }
  }
  const page = Math.max(1, Number(p.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Number(p.page_size ?? 10)));
  const shop = ctx.catalogue.seedShop;
  const listing = shop.search({ page, pageSize });
  const infos: QianniuItemInfo[] = [];
  for (let k = 0; k < listing.item.length; k++) {
    const entry = shop.entryAt((page - 1) * pageSize + k);
    infos.push({
      base_info: {
        detail_url: entry.detailUrl,
        title: entry.title,
        price: (entry.priceCents / 100).toFixed(1),
        // Seed 002's table types item_id Number: a JSON number (a raw one above 2^53), never a string.
        item_id: jsonNumberId(entry.id),
        total_sold_quantity: entry.sales,
        pict_url: entry.picUrl,
        quantity: entry.quantity,
      },
    });
  }
  return ok(ctx, method, app, {
    page,
    total_cnt: shop.size,
    type: Number(p.type ?? 3),
    name: 'new',
    id: Number(p.id ?? 0),
    timestamp: Math.floor(ctx.clock.now() / 1000),
    item_infos: { item_info_v_o: infos },
  });
};

export const TOP_METHODS: Readonly<Record<string, TopMethod>> = {
  'alibaba.item.get': { needsSession: false, handle: itemGet },
  item_search_shop: { needsSession: false, handle: shopSearch('item_search_shop') },
  'alibaba.item.search.shop': { needsSession: false, handle: shopSearch('alibaba.item.search.shop') },
  'taobao.qianniu.item.get': { needsSession: true, handle: qianniuItemGet },
};

function signatureMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function handleTop(ctx: SandboxContext, call: IncomingCall): Reply {
  const p = call.params;
  const method = p.method;
  // A method with recorded answers or a handler passes as known; they answer after every check.
  const replays = method !== undefined && ctx.replay.serves('top', method);
  const api = method && (replays || Object.prototype.hasOwnProperty.call(TOP_METHODS, method)) ? method : undefined;
  const fail = (error: TopErrorFields, appKey?: string, rateLimited = false) =>
    topErrorReply(ctx, error, { ...(appKey === undefined ? {} : { appKey }), ...(api ? { api } : {}), rateLimited });

  if (call.httpMethod !== 'GET' && call.httpMethod !== 'POST') {
    return fail({ code: 9, msg: 'Http Action Not Allowed', sub_msg: 'use GET or POST' });
  }
  if (call.tooLarge) {
    return fail({
      code: 41,
      msg: 'Invalid Arguments',
      sub_code: 'isv.invalid-parameter',
      sub_msg: 'the request body exceeds 1 MB',
    });
  }
  if (call.duplicateKeys.length > 0) {
    const sub_msg = `parameter sent more than once: ${call.duplicateKeys.slice(0, 5).join(', ')}`;
    return fail({ code: 41, msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg });
  }
  if (!p.app_key) return fail({ code: 28, msg: 'Missing App Key' });
  const app = ctx.apps.get(p.app_key);
  if (!app) return fail({ code: 29, msg: 'Invalid App Key' });

  const decision = admit(ctx, app, call.clockMs);
  if (!decision.admitted) {
    return fail(topRateLimitError(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))), app.appKey, true);
  }

  if (!method) return fail({ code: 21, msg: 'Missing Method' }, app.appKey);
  const spec =
    api !== undefined && Object.prototype.hasOwnProperty.call(TOP_METHODS, api) ? TOP_METHODS[api] : undefined;
  if (!spec && !replays) return fail({ code: 22, msg: 'Invalid Method' }, app.appKey);
  // TOP's default is XML; the sandbox (and this SDK) speak JSON only, so a request without
  // format=json would get XML from the real router: refuse it here rather than pass it.
  if (p.format !== 'json') {
    return fail(
      { code: 23, msg: 'Invalid Format', sub_msg: 'send format=json (the sandbox answers JSON only)' },
      app.appKey,
    );
  }
  if (!p.timestamp) return fail({ code: 30, msg: 'Missing Timestamp' }, app.appKey);
  const sentMs = parseBeijingTimestamp(p.timestamp);
  if (sentMs === undefined) {
    return fail(
      { code: 31, msg: 'Invalid Timestamp', sub_msg: 'timestamp must be yyyy-MM-dd HH:mm:ss, Beijing time' },
      app.appKey,
    );
  }
  if (Math.abs(sentMs - ctx.clock.now()) > MAX_SKEW_MS) {
    const sub_msg = 'timestamp is more than 10 minutes away from the gateway clock (Beijing time)';
    return fail({ code: 31, msg: 'Invalid Timestamp', sub_msg }, app.appKey);
  }
  if (!p.v) return fail({ code: 32, msg: 'Missing Version' }, app.appKey);
  if (p.v !== '2.0') return fail({ code: 33, msg: 'Invalid Version', sub_msg: 'v must be 2.0' }, app.appKey);
  const signMethod = (p.sign_method ?? 'md5') as TopSignMethod;
  if (!TOP_SIGN_METHODS.includes(signMethod)) {
    return fail({ code: 25, msg: 'Invalid signature', sub_msg: `unsupported sign_method ${signMethod}` }, app.appKey);
  }
  if (!p.sign) return fail({ code: 24, msg: 'Missing Signature' }, app.appKey);
  let expected: string;
  try {
    expected = signTop(p, app.appSecret, signMethod);
  } catch {
    expected = '';
  }
  if (expected === '' || !signatureMatches(p.sign, expected)) {
    return fail({ code: 25, msg: 'Invalid signature' }, app.appKey);
  }
  if (app.apis && !app.apis.has(method)) {
    const error = { code: 11, msg: 'Insufficient ISV Permissions', sub_code: 'isv.permission-api-package-limit' };
    return fail({ ...error, sub_msg: `the app may not call ${method}` }, app.appKey);
  }
  // A session is checked whenever one is sent (the router does not ignore a bad one), and required
  // by the APIs that act for a seller.
  if (spec?.needsSession === true || p.session !== undefined) {
    const session = ctx.oauth.checkSession(app.appKey, p.session);
    if (session === 'missing') return fail({ code: 26, msg: 'Missing Session' }, app.appKey);
    if (session !== 'ok') {
      const sub_msg = session === 'expired' ? 'session expired' : 'session is not valid for this app';
      return fail({ code: 27, msg: 'Invalid Session', sub_code: 'invalid-sessionkey', sub_msg }, app.appKey);
    }
  }
  const replayed = replays ? ctx.replay.answer('top', method, p, app.appKey) : undefined;
  if (replayed) return replayed;
  if (!spec) return fail({ code: 22, msg: 'Invalid Method' }, app.appKey);
  return spec.handle(ctx, call, app);
}
