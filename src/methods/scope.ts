/**
 * The scope of answers that belong to a seller in the response cache: whose data it is, without
 * the credential. Every call that acts for a seller is scoped — every AOP call with a token, and
 * TOP calls with a session (the client's or the call's own) — so that one seller's answer is never
 * served to another through a shared cache. A session or token is a bearer secret, so only a
 * SHA-256 of it (with the app key), truncated, ever reaches a key.
 */
import { createHash } from 'node:crypto';
import type { RequestOptions } from '../call-options.js';
import type { Dialect } from '../errors.js';

/** What the scope of a call is computed from: the client's own credentials, and the call's. */
export interface ScopeSource {
  dialect: Dialect;
  appKey: string;
  /** The client's TOP session. */
  session: string | undefined;
  /** The client's AOP access token (fetched from its provider the first time). */
  clientToken: () => Promise<string | undefined>;
}

/** 128 bits of SHA-256: no collision in practice, and no way back to the credential. */
function digest(kind: string, appKey: string, value: string): string {
  const hex = createHash('sha256').update(`${kind}\n${appKey}\n${value}`, 'utf8').digest('hex').slice(0, 32);
  return `${kind}:${hex}`;
}

export function sessionScope(appKey: string, session: string | undefined): string | undefined {
  if (session === undefined || session === '') return undefined;
  return digest('session', appKey, session);
}

/** The scope of one call: undefined when it acts for nobody (OneBound, TOP without a session). */
export async function callScope(
  source: ScopeSource,
  options: Pick<RequestOptions, 'session' | 'accessToken' | 'seller'>,
): Promise<string | undefined> {
  if (source.dialect === 'top') return sessionScope(source.appKey, options.session ?? source.session);
  if (source.dialect !== 'aop') return undefined;
  // A seller named for the token store keeps one scope across refreshes of its token.
  if (options.seller !== undefined) return digest('seller', source.appKey, options.seller);
  const token = options.accessToken ?? (await source.clientToken());
  return token === undefined || token === '' ? undefined : digest('token', source.appKey, token);
}
