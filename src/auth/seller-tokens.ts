/**
 * The tokens of one seller, read from what `system.oauth2/getToken` answers. The fields and their
 * meaning follow 1688's own notes as kept in ZyLob/1688 (ZyLob.Ali1688.Op/Authorization/AuthApi.cs and
 * Models/Authorization.cs): `resource_owner` is the seller's login id, `memberId` the member id the
 * member APIs take, `aliId` the id shared across Alibaba, `expires_in` the access token's life in
 * seconds (10 hours), `refresh_token_timeout` the refresh token's end (half a year) as
 * `yyyyMMddHHmmss…` Beijing time, which that SDK reads from its first 14 digits.
 */
import { ResponseError } from '../errors.js';
import { OAUTH_API, type TokenResult } from '../client/tokens.js';
import type { StoredTokens } from './token-store.js';

/** A seller's tokens from the OAuth code exchange. Store them as you store the app secret. */
export interface SellerTokens {
  /** The token AOP calls carry for this seller (`access_token`). */
  accessToken: string;
  /** When the access token stops working: the exchange time plus `expires_in`. */
  accessTokenExpiresAt: Date;
  /** The access token's lifetime as the gateway gave it, in milliseconds. */
  expiresInMs: number;
  /** Trades for a new access token once this one expires (`refresh_token`); absent if none was asked for. */
  refreshToken: string | undefined;
  /** When the refresh token stops working (`refresh_token_timeout`), when the gateway says. */
  refreshTokenExpiresAt: Date | undefined;
  /** The seller's member id (`memberId`), which member and trade APIs take. */
  memberId: string | undefined;
  /** The seller's Alibaba-wide id (`aliId`), as a string: it may exceed 2^53. */
  aliId: string | undefined;
  /** The seller's login id (`resource_owner`). */
  resourceOwner: string | undefined;
}

// 20261123180000000+0800 (the sandbox, and the ms some answers carry) or 20261123180000 / …+0800.
const TIMEOUT_TEXT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?([+-])?(\d{2})?(\d{2})?$/;

/** `refresh_token_timeout` as an instant; without an offset it is Beijing time (+08:00). */
export function parseTokenTimeout(text: string): Date | undefined {
  const m = TIMEOUT_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, sign, oh, om] = m;
  const offsetMinutes = sign === undefined ? 480 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms ?? 0));
  // Date.UTC rolls 30 February over into March: a time whose fields do not survive is not a time.
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) {
    return undefined;
  }
  return new Date(utc - offsetMinutes * 60_000);
}

function seconds(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The typed view of a getToken answer received at `receivedAtMs`. */
export function toSellerTokens(result: TokenResult, receivedAtMs: number): SellerTokens {
  const expiresIn = seconds(result.expires_in);
  if (expiresIn === undefined) {
    // Without a lifetime a caller cannot plan the refresh: a broken answer, not a token that never expires.
    throw new ResponseError({
      message: `${OAUTH_API}: the answer has no usable expires_in`,
      code: 'unexpected-envelope',
      dialect: 'aop',
      apiName: OAUTH_API,
    });
  }
  const timeout = result.refresh_token_timeout;
  return {
    accessToken: result.access_token,
    accessTokenExpiresAt: new Date(receivedAtMs + expiresIn * 1000),
    expiresInMs: expiresIn * 1000,
    refreshToken: result.refresh_token,
    // A number is read as the same digits (never guessed to be epoch milliseconds).
    refreshTokenExpiresAt: timeout === undefined ? undefined : parseTokenTimeout(String(timeout)),
    memberId: optionalText(result.memberId),
    aliId: optionalText(result.aliId),
    resourceOwner: optionalText(result.resource_owner),
  };
}

/** What a `TokenStore` keeps of exchanged tokens (instants as epoch milliseconds), e.g. `store.set(t.memberId, toStoredTokens(t))`. */
export function toStoredTokens(tokens: SellerTokens): StoredTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.accessTokenExpiresAt.getTime(),
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt?.getTime(),
  };
}
