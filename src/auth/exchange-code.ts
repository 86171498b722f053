/**
 * Step two of 1688's web authorisation: the one-time code from the redirect traded for the seller's
 * tokens. 1688's guide (https://blog.csdn.net/ioriliao/article/details/95090343) and ZyLob/1688's
 * AuthApi.GetAliToken post `grant_type=authorization_code&need_refresh_token=true&client_id&
 * client_secret&redirect_uri&code` to `https://gw.open.1688.com/openapi/http/1/system.oauth2/getToken/
 * <appKey>` (POST and https only; a code lives 2 minutes and works once). The request itself is the
 * client's (`OpenClient.getAccessToken`, src/client/oauth.ts): one implementation of the exchange,
 * with its redaction of the secret and the code, and its refusal to repeat a spent grant.
 */
import { OpenClient } from '../client.js';
import { invalidRequest } from '../errors.js';
import type { ClientOptions } from '../options.js';
import { checkAppKeyAndRedirect } from './authorize-url.js';
import { toSellerTokens, type SellerTokens } from './seller-tokens.js';

/** What {@link exchangeCode} needs. */
export interface ExchangeCodeOptions {
  appKey: string;
  appSecret: string;
  /** The `code` query parameter of the redirect. */
  code: string;
  /** The same redirect URI the authorize URL named (1688 compares them). */
  redirectUri: string;
  /** The AOP gateway, `https://gw.open.1688.com/openapi/` by default (a sandbox's `urls.aop` in tests). */
  baseUrl?: string | undefined;
  /** Per-attempt timeout in milliseconds (15 s by default). */
  timeoutMs?: number | undefined;
  /** More client options (a logger, hooks, a transport); credentials and the gateway come from the fields above. */
  client?: Omit<ClientOptions, 'dialect' | 'appKey' | 'appSecret' | 'baseUrl' | 'accessToken' | 'refreshToken'>;
}

function nonEmpty(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(`${field} must be a non-empty string`);
  return value;
}

/**
 * Trades the redirect's authorisation code for the seller's access and refresh tokens. Throws
 * `InvalidRequestError` before sending when a field is missing; `AuthenticationError` with 1688's
 * `error` as `code` and its `error_description` verbatim as `serverMessage` when the code is wrong,
 * used or expired (`invalid_grant`) or the app key and secret do not match (`invalid_client`).
 */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<SellerTokens> {
  if (options === null || typeof options !== 'object') throw invalidRequest('exchangeCode needs an options object');
  checkAppKeyAndRedirect(options.appKey, options.redirectUri);
  nonEmpty(options.appSecret, 'appSecret');
  const code = nonEmpty(options.code, 'code');
  const client = new OpenClient({
    ...options.client,
    dialect: 'aop',
    appKey: options.appKey,
    appSecret: options.appSecret,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
  });
  try {
    const result = await client.getAccessToken(code, options.redirectUri);
    return toSellerTokens(result, Date.now());
  } finally {
    await client.close();
  }
}
