/**
 * The exact strings that are hashed. TOP sorts the keys and joins key+value; AOP (1688's signature
 * document and its Java SDK) builds the key+value strings first and sorts those, which differs when
 * one key is a prefix of another: {a:'z', ab:'1'} is `a z ab 1` for TOP but `ab1az` for AOP.
 * Values are not URL-encoded: the signature covers the raw text; the transport encodes for the wire.
 */
import { invalidRequest } from '../errors.js';
import { describeValue, quote } from '../text/quote.js';
import { pairOrder } from './aop-order.js';
import { fastAop, fastTop } from './fast-canonical.js';
import { joinPairs } from './join.js';
import { shapeOf } from './key-order.js';
import { normalizeList, type ParamInput } from './normalize.js';

/** The TOP `sign_method` values. */
export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';
/** Every TOP `sign_method` this SDK signs with. */
export const TOP_SIGN_METHODS: readonly TopSignMethod[] = ['md5', 'hmac', 'hmac-sha256'];

// param2/1/<namespace>/<apiName>/<appKey>: the path after /openapi/, as the 1688 document signs it.
const AOP_URL_PATH = /^[A-Za-z0-9]+\/\d+\/[^/\s]+\/[^/\s]+\/[^/\s]+$/;

/** k1v1k2v2… over keys sorted by UTF-16 code unit, without `sign`. */
export function topBaseString(params: ParamInput): string {
  return joinTop(params, '', '');
}

/** The string TOP hashes: secret + base + secret for md5, the base alone for the HMAC methods. */
export function canonicalTop(params: ParamInput, secret: string, method: TopSignMethod): string {
  assertSecret(secret);
  assertTopMethod(method);
  return method === 'md5' ? joinTop(params, secret, secret) : joinTop(params, '', '');
}

// The fast path (fast-canonical.ts) when every value allows it, else every rule of normalize.ts.
function joinTop(params: ParamInput, prefix: string, suffix: string): string {
  return fastTop(params, prefix, suffix) ?? slowTop(params, prefix, suffix);
}

/** urlPath + the key+value strings sorted as strings, without `_aop_signature`. */
export function canonicalAop(urlPath: string, params: ParamInput): string {
  assertUrlPath(urlPath);
  return fastAop(urlPath, params) ?? slowAop(urlPath, params);
}

/**
 * The slow paths: every rule of normalize.ts in insertion order, so that the first bad value is
 * the one reported. Exported for the tests that hold the fast path to them; not public API.
 */
export function slowTop(params: ParamInput, prefix: string, suffix: string): string {
  const { keys, values } = normalizeList(params);
  const shape = shapeOf(keys);
  return joinPairs(prefix, keys, values, shape.order, shape.topSignature) + suffix;
}

/** See `slowTop`. */
export function slowAop(urlPath: string, params: ParamInput): string {
  const { keys, values } = normalizeList(params);
  const shape = shapeOf(keys);
  return joinPairs(urlPath, keys, values, pairOrder(shape, values), shape.aopSignature);
}

export function assertSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw invalidRequest('an app secret is required to sign (set appSecret or OPEN1688_APP_SECRET)');
  }
}

export function assertTopMethod(method: unknown): asserts method is TopSignMethod {
  if (method !== 'md5' && method !== 'hmac' && method !== 'hmac-sha256') {
    throw invalidRequest(`sign method must be one of ${TOP_SIGN_METHODS.join(', ')}, got ${describeValue(method)}`);
  }
}

// A client signs with the same few paths over and over: the last one that passed is not tested
// again. (A symbol to start with: no caller can pass it, so the first path is always tested.)
let lastUrlPath: unknown = Symbol('no path checked yet');

function assertUrlPath(urlPath: unknown): asserts urlPath is string {
  if (urlPath === lastUrlPath) return;
  if (typeof urlPath !== 'string' || !AOP_URL_PATH.test(urlPath)) {
    throw invalidRequest(
      `AOP urlPath must look like param2/1/<namespace>/<apiName>/<appKey> (the part after /openapi/), got ${typeof urlPath === 'string' ? quote(urlPath) : describeValue(urlPath)}`,
    );
  }
  lastUrlPath = urlPath;
}
