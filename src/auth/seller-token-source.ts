/**
 * The access tokens of the sellers a client acts for, from its `tokenStore`. A call that names a
 * seller sends that seller's stored token; when the gateway rejects it (or it is about to expire),
 * it is refreshed once and written back. Many callers needing the same refresh at once make one:
 * in this process through a single flight per seller, across processes through the store's lock
 * (`SET NX PX` in Redis) — the holder refreshes and writes back, the others poll the store until
 * the token they hold has been replaced, then use the new one.
 */
import type { TokenResult } from '../client/tokens.js';
import { AuthenticationError, invalidRequest, TimeoutError } from '../errors.js';
import { quote } from '../text/quote.js';
import type { ReleaseLock, StoredTokens, TokenStore } from './token-store.js';

/** How a seller's tokens are refreshed and how long others wait for a refresh elsewhere. */
export interface SellerTokenOptions {
  store: TokenStore;
  /** Exchanges a refresh token through `system.oauth2/getToken` (without touching the client's own token). */
  exchange: (refreshToken: string) => Promise<TokenResult>;
  /** How long a refresh lock is held at most (a holder that dies blocks the others this long). */
  lockTtlMs?: number;
  /** How often a waiting caller reads the store again. */
  pollMs?: number;
  /** The longest a caller waits for someone else's refresh before it fails. */
  waitMs?: number;
}

/** Refreshed this long before a known expiry, so that no call is sent with a token about to lapse. */
const EARLY_REFRESH_MS = 60_000;

const noLock: ReleaseLock = async () => undefined;

export class SellerTokenSource {
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly lockTtlMs: number;
  private readonly pollMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: SellerTokenOptions) {
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
    this.pollMs = options.pollMs ?? 50;
    this.waitMs = options.waitMs ?? 30_000;
  }

  /** The token to send for `seller` now: the stored one, refreshed first when it is about to expire. */
  async current(seller: string): Promise<string> {
    const tokens = await this.read(seller);
    const expiring = tokens.expiresAt !== undefined && tokens.expiresAt - EARLY_REFRESH_MS <= Date.now();
    if (expiring && tokens.refreshToken !== undefined) return this.refresh(seller, tokens.accessToken);
    return tokens.accessToken;
  }

  /** A new token for `seller` after `stale` was rejected; everyone holding `stale` shares one refresh. */
  refresh(seller: string, stale: string | undefined): Promise<string> {
    let pending = this.inflight.get(seller);
    if (pending === undefined) {
      pending = this.refreshShared(seller, stale).finally(() => this.inflight.delete(seller));
      this.inflight.set(seller, pending);
    }
    return pending;
  }

  private async refreshShared(seller: string, stale: string | undefined): Promise<string> {
    const giveUpAt = Date.now() + this.waitMs;
    for (;;) {
      const seen = await this.read(seller);
      if (seen.accessToken !== stale) return seen.accessToken; // refreshed elsewhere meanwhile
      const release = this.options.store.lock ? await this.options.store.lock(seller, this.lockTtlMs) : noLock;
      if (release !== undefined) {
        try {
          return await this.refreshHolding(seller, stale);
        } finally {
          await release();
        }
      }
      if (Date.now() >= giveUpAt) {
        throw new TimeoutError({
          message: `seller ${quote(seller)}: waited ${this.waitMs} ms for another process to refresh the access token`,
          code: 'token-refresh-wait',
          dialect: 'aop',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** With the lock held: read again (the last holder may have just written), else exchange and write back. */
  private async refreshHolding(seller: string, stale: string | undefined): Promise<string> {
    const tokens = await this.read(seller);
    if (tokens.accessToken !== stale) return tokens.accessToken;
    if (tokens.refreshToken === undefined) {
      throw new AuthenticationError({
        message: `seller ${quote(seller)}: the access token was rejected and the token store holds no refresh token`,
        code: 'no-refresh-token',
        dialect: 'aop',
      });
    }
    const result = await this.options.exchange(tokens.refreshToken);
    const next = nextTokens(result, tokens);
    await this.options.store.set(seller, next);
    return next.accessToken;
  }

  private async read(seller: string): Promise<StoredTokens> {
    const tokens = await this.options.store.get(seller);
    if (tokens === undefined || typeof tokens.accessToken !== 'string' || tokens.accessToken === '') {
      throw invalidRequest(`seller ${quote(seller)}: the client's tokenStore holds no access token for this seller`);
    }
    return tokens;
  }
}

/** The stored tokens after an exchange: 1688 may or may not hand out a new refresh token. */
function nextTokens(result: TokenResult, previous: StoredTokens): StoredTokens {
  const seconds = Number(result.expires_in);
  return {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? previous.refreshToken,
    expiresAt: Number.isFinite(seconds) && seconds > 0 ? Date.now() + seconds * 1000 : undefined,
    ...(previous.refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt: previous.refreshTokenExpiresAt }),
  };
}
