/**
 * The OneBound dialect at /1688/<api_name>/ (seed 000/001/003): `key` + `secret` as parameters (the
 * secret travels in clear, so nothing here ever logs or echoes it: `call_args` leaves both out).
 * Every answer is HTTP 200 with the body's `error_code` from seed 000's table: 0000 success,
 * 2000 no result (an unknown item, or a search whose page has no item), 4003 bad parameter, 4004 unknown key, 4005 wrong secret, 4008 rate limit,
 * 4010 unknown API, 4013 quota used up, 4014 missing parameter, 4016 balance used up, 5000 unknown.
 */
import { createHash } from 'node:crypto';
import { beijingText } from './clock.js';
import { admit, type SandboxContext } from './context.js';
import { ONEBOUND_ERROR_CODES } from './fixtures/onebound-610947572360.js';
import type { RegisteredApp } from './apps.js';
import { findItem } from './items.js';
import { toJsonText } from './json-text.js';
import { itemIdParam, shopParams, type ParamProblem } from './params.js';
import { jsonReply, type IncomingCall, type Reply } from './reply.js';

export const ONEBOUND_APIS = ['item_get', 'item_get_pro', 'item_search_shop'] as const;

/** Parameters that are the caller's credentials or transport switches, never echoed in call_args. */
const NOT_ECHOED = new Set(['key', 'secret', 'cache', 'result_type', 'lang', 'version', 'api_name']);

const CHOICES: Record<string, readonly string[]> = {
  cache: ['yes', 'no'],
  result_type: ['json', 'jsonu'],
  lang: ['cn', 'en', 'ru'],
  sales_data: ['0', '1'],
  agent: ['0', '1'],
};

export function oneBoundApiOf(path: string): string | undefined {
  const m = /^\/1688\/([^/]*)\/?$/.exec(path);
  return m ? m[1] : undefined;
}

interface Envelope {
  ctx: SandboxContext;
  call: IncomingCall;
  appKey: string | undefined;
  calls: number;
  quota: number;
}

function envelope(e: Envelope, startedMs: number): Record<string, unknown> {
  const callArgs: Record<string, string> = {};
  for (const [key, value] of Object.entries(e.call.params)) if (!NOT_ECHOED.has(key)) callArgs[key] = value;
  return {
    cache: 0,
    api_info: `today:${e.calls} max:${e.quota}`,
    // Seconds with three decimals, as OneBound writes them (never 0: a real call always takes time).
    execution_time: Number(((performance.now() - startedMs) / 1000 + 0.001).toFixed(3)),
    server_time: `Beijing/${beijingText(e.ctx.clock.now(), 'datetime')}`,
    call_args: callArgs,
    api_type: '1688',
    request_id: e.ctx.requestId(),
  };
}

function write(e: Envelope, body: Record<string, unknown>, fields: Omit<Reply, 'status' | 'body'>): Reply {
  // `json` (the default) escapes non-ASCII as PHP does; `jsonu` writes it as UTF-8.
  const asciiOnly = e.call.params.result_type !== 'jsonu';
  return jsonReply(200, toJsonText(body, { asciiOnly }), fields);
}

export function oneBoundErrorBody(code: string, error: string, reason?: string): Record<string, unknown> {
  const [status, detail] = ONEBOUND_ERROR_CODES[code] ?? ['unknown error', '未知错误'];
  return { error: error || status, reason: reason ?? detail, error_code: code, success: 0 };
}

export function handleOneBound(ctx: SandboxContext, call: IncomingCall): Reply {
  const startedMs = performance.now();
  const p = call.params;
  const api = oneBoundApiOf(call.path);
  const builtIn = api !== undefined && (ONEBOUND_APIS as readonly string[]).includes(api);
  // An API with recorded answers or a handler passes as known; they answer after every check.
  const replays = ctx.replay.serves('onebound', api);
  const knownApi = api !== undefined && (builtIn || replays) ? api : undefined;
  const app: RegisteredApp | undefined = ctx.apps.get(p.key);
  const e: Envelope = { ctx, call, appKey: app?.appKey, calls: 0, quota: app?.dailyQuota ?? 0 };
  const fail = (code: string, error: string, reason?: string, rateLimited = false): Reply =>
    write(
      e,
      { ...oneBoundErrorBody(code, error, reason), ...envelope(e, startedMs) },
      {
        outcome: rateLimited ? 'rate-limited' : 'error',
        code,
        ...(e.appKey === undefined ? {} : { appKey: e.appKey }),
        ...(knownApi === undefined ? {} : { api: knownApi }),
      },
    );
  const paramFail = (problem: ParamProblem) =>
    problem.kind === 'missing'
      ? fail('4014', 'missing-param', problem.message)
      : fail('4003', 'param-error', problem.message);

  if (call.httpMethod !== 'GET' && call.httpMethod !== 'POST')
    return fail('4003', 'method-not-allowed', 'use GET or POST');
  if (call.tooLarge) return fail('4003', 'param-error', 'the request body exceeds 1 MB');
  if (call.badBody) return fail('4003', 'param-error', 'the body could not be read as parameters');
  if (call.duplicateKeys.length > 0) {
    return fail('4003', 'param-error', `parameter sent more than once: ${call.duplicateKeys.slice(0, 5).join(', ')}`);
  }
  if (!p.key) return fail('4014', 'missing-param', 'key is required');
  if (!app) return fail('4004', 'account-not-found');
  if (p.secret === undefined || p.secret !== app.appSecret) return fail('4005', 'invalid-credentials');

  const decision = admit(ctx, app, call.clockMs);
  if (!decision.admitted) return fail('4008', 'rate-limit', undefined, true);
  if (!knownApi) return fail('4010', 'api-not-found');

  const used = ctx.oneBoundCalls.get(app.appKey) ?? 0;
  e.calls = used;
  if (used >= app.dailyQuota) return fail('4013', 'calls-exceeded');
  if (used >= app.balance) return fail('4016', 'insufficient-balance');
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const value = p[key];
    if (value !== undefined && !allowed.includes(value)) {
      return fail('4003', 'param-error', `${key} must be one of ${allowed.join(', ')}`);
    }
  }
  // A call that passed authentication and parameters is counted (and, on OneBound, charged).
  e.calls = used + 1;
  ctx.oneBoundCalls.set(app.appKey, e.calls);

  const replayed = replays ? ctx.replay.answer('onebound', knownApi, p, app.appKey) : undefined;
  if (replayed) return replayed;
  if (!builtIn) return fail('4010', 'api-not-found');
  if (knownApi === 'item_search_shop') {
    const request = shopParams(p);
    if (!request.ok) return paramFail(request.problem);
    const shop = ctx.catalogue.listedShop(request.value.sellerNick);
    if (!shop) return fail('2000', 'shop-not-found', '店铺没找到');
    const items = shop.search(request.value.query);
    // Seed 000's table: 2000 "Search success but no result" (接口访问成功,但是搜索没有结果): a search
    // whose page has no item (no match, or a page past the end) answers 2000, not an empty 0000.
    if (items.item.length === 0) return fail('2000', 'search-no-result', '接口访问成功,但是搜索没有结果');
    const body = { items, error: '', reason: '', error_code: '0000', ...envelope(e, startedMs) };
    return write(e, body, { outcome: 'ok', appKey: app.appKey, api: knownApi });
  }
  const id = itemIdParam(p, 'num_iid');
  if (!id.ok) return paramFail(id.problem);
  const found = findItem(ctx.catalogue, id.value);
  if (!found) return fail('2000', 'item-not-found', '商品没找到');
  const lang = p.lang ?? 'cn';
  const item = { ...found.onebound, sales_data: p.sales_data === '1' ? { sales_30d: found.onebound.sales } : '' };
  // Every field of seed 000's 响应示例, in its order; the per-call ones (secache*, client_ip, times,
  // quotas, call_args, request_id) written afresh, the translation ones as the seed shows them for cn.
  const nowMs = ctx.clock.now();
  const perCall = envelope(e, startedMs);
  const body = {
    item,
    secache: createHash('md5').update(`${knownApi}:${id.value}:${lang}`).digest('hex'),
    secache_time: Math.floor(nowMs / 1000),
    secache_date: beijingText(nowMs, 'datetime'),
    translate_status: '',
    translate_time: 0,
    language: { default_lang: 'cn', current_lang: lang },
    error: '',
    reason: '',
    error_code: '0000',
    cache: perCall.cache,
    api_info: perCall.api_info,
    execution_time: perCall.execution_time,
    server_time: perCall.server_time,
    // The caller's address as the gateway saw it: the sandbox listens on loopback only.
    client_ip: '127.0.0.1',
    call_args: perCall.call_args,
    api_type: perCall.api_type,
    translate_language: lang === 'cn' ? 'zh-CN' : lang,
    translate_engine: 'google_cn',
    server_memory: `${(process.memoryUsage().heapUsed / 1048576).toFixed(2)}MB`,
    request_id: perCall.request_id,
  };
  return write(e, body, { outcome: 'ok', appKey: app.appKey, api: knownApi });
}
