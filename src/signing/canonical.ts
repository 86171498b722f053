/**
 * The exact strings that are hashed. TOP sorts the keys and joins key+value; AOP (1688's signature
 * document and its Java SDK) builds the key+value strings first and sorts those, which differs when
 * one key is a prefix of another: {a:'z', ab:'1'} is `a z ab 1` for TOP but `ab1az` for AOP.
 * Values are not URL-encoded: the signature covers the raw text; the transport encodes for the wire.
 */
import { invalidRequest } from '../errors.js';
import { normalizeParams, type ParamInput } from './normalize.js';

export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';
export const TOP_SIGN_METHODS: readonly TopSignMethod[] = ['md5', 'hmac', 'hmac-sha256'];

/** Parameters that carry a signature and so are never part of one. */
const TOP_SIGNATURE_KEY = 'sign';
const AOP_SIGNATURE_KEY = '_aop_signature';

// param2/1/<namespace>/<apiName>/<appKey>: the path after /openapi/, as the 1688 document signs it.
const AOP_URL_PATH = /^[A-Za-z0-9]+\/\d+\/[^/\s]+\/[^/\s]+\/[^/\s]+$/;

/** k1v1k2v2… over keys sorted by UTF-16 code unit, without `sign`. */
export function topBaseString(params: ParamInput): string {
  const normalized = normalizeParams(params);
  const keys = Object.keys(normalized).sort();
  let base = '';
  for (const key of keys) {
    if (key !== TOP_SIGNATURE_KEY) base += key + normalized[key];
  }
  return base;
}

/** The string TOP hashes: secret + base + secret for md5, the base alone for the HMAC methods. */
export function canonicalTop(params: ParamInput, secret: string, method: TopSignMethod): string {
  assertSecret(secret);
  assertTopMethod(method);
  const base = topBaseString(params);
  return method === 'md5' ? secret + base + secret : base;
}

/** urlPath + the key+value strings sorted as strings, without `_aop_signature`. */
export function canonicalAop(urlPath: string, params: ParamInput): string {
  assertUrlPath(urlPath);
  const normalized = normalizeParams(params);
  const pairs: string[] = [];
  for (const key of Object.keys(normalized)) {
    if (key !== AOP_SIGNATURE_KEY) pairs.push(key + normalized[key]);
  }
  pairs.sort();
  return urlPath + pairs.join('');
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
