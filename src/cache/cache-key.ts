/**
 * Cache keys for API calls. A key is read in logs, `redis-cli KEYS` and monitoring, so it never
 * contains a credential, and it leaves out what changes on every call without changing the answer
 * (timestamps, signatures), or nothing would ever hit. What remains is normalised exactly as it is
 * sent and hashed with SHA-256, which keeps keys short whatever the parameters.
 *
 * Leaving out `access_token` / `session` means that two users asking the same question share an
 * entry. That is right for product data, which is the same for everyone, and wrong for anything
 * that belongs to a user (orders, addresses, their own products): pass `scope` (the member id, say)
 * for those, so that one user's cached answer is never served to another.
 */
import { createHash } from 'node:crypto';
import type { Dialect } from '../errors.js';
import { normalizeParams, type ParamInput } from '../signing/normalize.js';

/** Credentials, signing details and per-call timestamps: never in a key (compared case-insensitively). */
export const CACHE_KEY_EXCLUDED_PARAMS: ReadonlySet<string> = new Set([
  'sign',
  'sign_method',
  '_aop_signature',
  'timestamp',
  '_aop_timestamp',
  'access_token',
  'refresh_token',
  'session',
  'secret',
  'app_secret',
  'key',
]);

/** Options of `cacheKey`. */
export interface CacheKeyOptions {
  /** Whose data this is, for user-scoped APIs (see above); hashed like the parameters. */
  scope?: string | undefined;
}

/** `<dialect>:<apiName>:<sha256 of scope and sorted params>`. */
export function cacheKey(dialect: Dialect, apiName: string, params: ParamInput, options: CacheKeyOptions = {}): string {
  const normalized = normalizeParams(params);
  const kept = Object.keys(normalized)
    .filter((name) => !CACHE_KEY_EXCLUDED_PARAMS.has(name.toLowerCase()))
    .sort()
    .map((name) => [name, normalized[name]]);
  // JSON keeps the boundaries between names and values unambiguous ({a:'bc'} ≠ {ab:'c'}).
  const digest = createHash('sha256')
    .update(JSON.stringify([options.scope ?? null, kept]), 'utf8')
    .digest('hex');
  return `${dialect}:${apiName}:${digest}`;
}
