/**
 * 1688 OAuth through `system.oauth2/getToken`: an authorisation code or a refresh token exchanged
 * for tokens. The code and every token are told to the redactor before anything is sent, so that
 * no error or log line can carry them.
 */
import { OAUTH_API, readTokenResult, type TokenResult } from './tokens.js';

export interface OAuthHost {
  appKey: string;
  appSecret: string;
  /** The client's `call`. */
  call(apiName: string, params: Record<string, string>, options: { idempotent: false }): Promise<unknown>;
  /** Masks a value in everything the client prints from now on. */
  learn(value: string): void;
  /** Remembers the tokens for later calls. */
  adopt(result: TokenResult): void;
}

async function exchange(host: OAuthHost, params: Record<string, string>): Promise<TokenResult> {
  // A grant is used up by the gateway even when the answer is lost: never repeated blindly.
  const result = readTokenResult(await host.call(OAUTH_API, params, { idempotent: false }));
  host.adopt(result);
  return result;
}

/** Exchanges an authorisation code (from the redirect after the seller agreed) for tokens. */
export function exchangeAuthorizationCode(host: OAuthHost, code: string, redirectUri: string): Promise<TokenResult> {
  host.learn(code);
  return exchange(host, {
    grant_type: 'authorization_code',
    need_refresh_token: 'true',
    client_id: host.appKey,
    client_secret: host.appSecret,
    redirect_uri: redirectUri,
    code,
  });
}

/** A new access token from a refresh token. */
export function exchangeRefreshToken(host: OAuthHost, refreshToken: string): Promise<TokenResult> {
  host.learn(refreshToken);
  return exchange(host, {
    grant_type: 'refresh_token',
    client_id: host.appKey,
    client_secret: host.appSecret,
    refresh_token: refreshToken,
  });
}
