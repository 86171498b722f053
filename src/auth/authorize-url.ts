/**
 * The 1688 consent page a seller opens to let an app act for them. 1688's web authorisation guide
 * ("1688开放平台WEB端授权教程", https://blog.csdn.net/ioriliao/article/details/95090343) gives it as
 * `https://auth.1688.com/oauth/authorize?client_id=<appKey>&site=1688&redirect_uri=<url>&state=<any>`:
 * `site` is always 1688, `state` comes back unchanged on the redirect, and the redirect's domain must
 * match the one registered for the app. No signature is needed (ZyLob/1688's AuthApi.GetAuthorizeUri
 * adds one for the older gw.open.1688.com/auth/authorize.htm page; the auth.1688.com page does not ask).
 */
import { invalidRequest } from '../errors.js';

/** Where 1688's consent page lives; `baseUrl` replaces it (a sandbox's URL, for instance). */
export const AUTHORIZE_BASE_URL = 'https://auth.1688.com/';

/** What {@link authorizeUrl} needs. */
export interface AuthorizeUrlOptions {
  /** The app key (1688 calls it `client_id`). */
  appKey: string;
  /** Where 1688 sends the seller back with `?code=…&state=…`: an absolute http(s) URL on the app's registered domain. */
  redirectUri: string;
  /** An unguessable value the redirect must carry back; check it before exchanging the code. */
  state?: string | undefined;
  /** The host of the consent page, `https://auth.1688.com/` by default. */
  baseUrl?: string | undefined;
}

// RFC 6749 leaves state's length open; a bound keeps the URL within what browsers and proxies accept.
const MAX_STATE_LENGTH = 512;

function httpUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(`${field} must be a non-empty URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRequest(`${field} must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidRequest(`${field} must be an http or https URL`);
  }
  if (url.hash !== '') throw invalidRequest(`${field} must not have a #fragment (the code comes back in the query)`);
  return url;
}

/** Checks the fields both OAuth steps share; the redirect URI is returned as a URL. */
export function checkAppKeyAndRedirect(appKey: unknown, redirectUri: unknown): URL {
  if (typeof appKey !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(appKey)) {
    throw invalidRequest('appKey must be 1 to 64 letters, digits, _ or -');
  }
  return httpUrl(redirectUri, 'redirectUri');
}

/**
 * The URL of 1688's consent page for `appKey`. After the seller agrees, 1688 redirects to
 * `redirectUri` with `code` (valid for 2 minutes, once) and the `state` given here; pass the code to
 * `exchangeCode`. Throws `InvalidRequestError` for a missing or malformed field.
 */
export function authorizeUrl(options: AuthorizeUrlOptions): string {
  if (options === null || typeof options !== 'object') throw invalidRequest('authorizeUrl needs an options object');
  const { appKey, redirectUri, state, baseUrl } = options;
  checkAppKeyAndRedirect(appKey, redirectUri);
  if (state !== undefined && (typeof state !== 'string' || state === '' || state.length > MAX_STATE_LENGTH)) {
    throw invalidRequest(`state must be a non-empty string of at most ${MAX_STATE_LENGTH} characters`);
  }
  const base = httpUrl(baseUrl ?? AUTHORIZE_BASE_URL, 'baseUrl');
  const url = new URL('oauth/authorize', base.href.endsWith('/') ? base.href : `${base.href}/`);
  url.searchParams.set('client_id', appKey);
  url.searchParams.set('site', '1688');
  url.searchParams.set('redirect_uri', redirectUri);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.toString();
}
