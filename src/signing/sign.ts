/** Signatures: uppercase hex digests of the canonical strings of canonical.ts. */
import { createHash, createHmac, hash } from 'node:crypto';
import { assertSecret, canonicalAop, canonicalTop, type TopSignMethod } from './canonical.js';
import type { ParamInput } from './normalize.js';

// crypto.hash (Node ≥ 20.12) is the one-shot digest without a Hash object; fall back where absent.
const md5Hex: (text: string) => string =
  typeof hash === 'function'
    ? (text) => hash('md5', text, 'hex')
    : (text) => createHash('md5').update(text, 'utf8').digest('hex');

/** The TOP `sign` parameter for `params` (the `sign` key itself is ignored). */
export function signTop(params: ParamInput, secret: string, method: TopSignMethod = 'md5'): string {
  const canonical = canonicalTop(params, secret, method);
  switch (method) {
    case 'md5':
      return md5Hex(canonical).toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(canonical, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex').toUpperCase();
  }
}

/** The AOP `_aop_signature`: HMAC-SHA1 keyed by the secret over urlPath + sorted key+value strings. */
export function signAop(urlPath: string, params: ParamInput, secret: string): string {
  assertSecret(secret);
  const canonical = canonicalAop(urlPath, params);
  return createHmac('sha1', secret).update(canonical, 'utf8').digest('hex').toUpperCase();
}
