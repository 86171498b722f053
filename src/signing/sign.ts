/** Signatures: uppercase hex digests of the canonical strings of canonical.ts. */
import { createHash, createHmac, hash } from 'node:crypto';
import { assertSecret, canonicalAop, canonicalTop, type TopSignMethod } from './canonical.js';
import type { ParamInput } from './normalize.js';

// crypto.hash (Node ≥ 20.12) is the one-shot digest without a Hash object; fall back where absent.
const md5Hex: (text: string) => string =
  typeof hash === 'function'
    ? (text) => hash('md5', text, 'hex')
    : (text) => createHash('md5').update(text, 'utf8').digest('hex');

function hmacHex(algorithm: 'md5' | 'sha1' | 'sha256', secret: string, text: string): string {
  return createHmac(algorithm, secret).update(text, 'utf8').digest('hex');
}

/** The TOP `sign` parameter for `params` (the `sign` key itself is ignored). */
export function signTop(params: ParamInput, secret: string, method: TopSignMethod = 'md5'): string {
  const canonical = canonicalTop(params, secret, method);
  // Kept small, one digest call per method, so that the engine inlines the signing path into it.
  const hex = method === 'md5' ? md5Hex(canonical) : hmacHex(method === 'hmac' ? 'md5' : 'sha256', secret, canonical);
  return hex.toUpperCase();
}

/** The AOP `_aop_signature`: HMAC-SHA1 keyed by the secret over urlPath + sorted key+value strings. */
export function signAop(urlPath: string, params: ParamInput, secret: string): string {
  assertSecret(secret);
  return hmacHex('sha1', secret, canonicalAop(urlPath, params)).toUpperCase();
}
