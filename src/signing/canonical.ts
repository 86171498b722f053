/**
 * The exact strings that are hashed. TOP sorts the keys and joins key+value; AOP (1688's signature
 * document and its Java SDK) builds the key+value strings first and sorts those, which differs when
 * one key is a prefix of another: {a:'z', ab:'1'} is `a z ab 1` for TOP but `ab1az` for AOP.
 * Values are not URL-encoded: the signature covers the raw text; the transport encodes for the wire.
 */
import { invalidRequest } from '../errors.js';
import { pairOrder } from './aop-order.js';
import { keyOrder } from './key-order.js';
import { normalizeList, type ParamInput } from './normalize.js';

/** The TOP `sign_method` values. */
export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';
/** Every TOP `sign_method` this SDK signs with. */
export const TOP_SIGN_METHODS: readonly TopSignMethod[] = ['md5', 'hmac', 'hmac-sha256'];

/** Parameters that carry a signature and so are never part of one. */
const TOP_SIGNATURE_KEY = 'sign';
const AOP_SIGNATURE_KEY = '_aop_signature';

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

// Appends straight onto the prefix: one rope that the hash flattens once. (Array.join, a pre-sized
// join, String.prototype.concat and a hand-written UTF-8 encoder into a reused buffer all measured
// slower on Node 20.)
function joinTop(params: ParamInput, prefix: string, suffix: string): string {
  const { keys, values } = normalizeList(params);
  const { order } = keyOrder(keys);
  let text = prefix;
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    const value = values[at];
    const key = keys[at] as string;
    if (value === undefined || key === TOP_SIGNATURE_KEY) continue;
    text += key;
    text += value;
  }
  return text + suffix;
}

/** urlPath + the key+value strings sorted as strings, without `_aop_signature`. */
export function canonicalAop(urlPath: string, params: ParamInput): string {
  assertUrlPath(urlPath);
  const { keys, values } = normalizeList(params);
  const { order, prefixFree } = keyOrder(keys);
  // Without a key that is a prefix of another, the key order is the key+value order (key-order.ts).
  const pairs = prefixFree ? order : pairOrder(keys, values, order);
  let text = urlPath;
  for (let i = 0; i < pairs.length; i++) {
    const at = pairs[i] as number;
    const value = values[at];
    const key = keys[at] as string;
    if (value === undefined || key === AOP_SIGNATURE_KEY) continue;
    text += key;
    text += value;
  }
  return text;
}

export function assertSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw invalidRequest('an app secret is required to sign (set appSecret or OPEN1688_APP_SECRET)');
  }
}

export function assertTopMethod(method: unknown): asserts method is TopSignMethod {
  if (!TOP_SIGN_METHODS.includes(method as TopSignMethod)) {
    throw invalidRequest(`sign method must be one of ${TOP_SIGN_METHODS.join(', ')}, got ${String(method)}`);
  }
}

function assertUrlPath(urlPath: unknown): asserts urlPath is string {
  if (typeof urlPath !== 'string' || !AOP_URL_PATH.test(urlPath)) {
    throw invalidRequest(
      `AOP urlPath must look like param2/1/<namespace>/<apiName>/<appKey> (the part after /openapi/), got ${JSON.stringify(urlPath)}`,
    );
  }
}
