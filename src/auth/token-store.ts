/**
 * Where a client keeps the 1688 (AOP) tokens of the many sellers it acts for: a call names its
 * seller (`{ seller: memberId }`), the client reads that seller's tokens from its `tokenStore`,
 * and after a refresh writes the new ones back, so that every client and process sharing the store
 * uses them. This file holds the interface and the in-process store; `RedisTokenStore` shares
 * tokens (and the right to refresh them) between processes.
 */

/** One seller's AOP tokens, as a `TokenStore` keeps them. */
export interface StoredTokens {
  /** The access token sent as `access_token`. */
  accessToken: string;
  /** Exchanged for a new access token when the gateway rejects this one or it expires. */
  refreshToken?: string | undefined;
  /** When the access token expires (ms since the epoch); refreshed a minute before, when known. */
  expiresAt?: number | undefined;
  /** When the refresh token expires (ms since the epoch), for the caller's own bookkeeping. */
  refreshTokenExpiresAt?: number | undefined;
}

/** Releases a refresh lock (only if still held by whoever took it). */
export type ReleaseLock = () => Promise<void>;

/**
 * Each seller's AOP tokens, by a key the caller chooses (the seller's `memberId`, say). `get` and
 * `set` are all a store must do; `lock` lets one client at a time refresh a seller's tokens, the
 * others waiting for the result (without it, each process refreshes on its own).
 */
export interface TokenStore {
  /** The seller's tokens, or undefined when none are stored. */
  get(seller: string): Promise<StoredTokens | undefined>;
  /** Stores (replaces) the seller's tokens. */
  set(seller: string, tokens: StoredTokens): Promise<void>;
  /**
   * Takes the right to refresh `seller`'s tokens for at most `ttlMs`: resolves to the function that
   * gives it back, or to undefined while someone else holds it.
   */
  lock?(seller: string, ttlMs: number): Promise<ReleaseLock | undefined>;
}

/** A `TokenStore` in this process's memory: for one process, and for tests. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredTokens>();
  /** Seller → when its lock lapses (a holder that never releases cannot block the others for ever). */
  private readonly locks = new Map<string, { until: number; owner: object }>();

  /** `initial`: tokens to start with, by seller. */
  constructor(initial: Readonly<Record<string, StoredTokens>> = {}) {
    for (const [seller, tokens] of Object.entries(initial)) this.tokens.set(seller, { ...tokens });
  }

  async get(seller: string): Promise<StoredTokens | undefined> {
    const tokens = this.tokens.get(seller);
    return tokens === undefined ? undefined : { ...tokens };
  }

  async set(seller: string, tokens: StoredTokens): Promise<void> {
    this.tokens.set(seller, { ...tokens });
  }

  async lock(seller: string, ttlMs: number): Promise<ReleaseLock | undefined> {
    const now = Date.now();
    const held = this.locks.get(seller);
    if (held !== undefined && held.until > now) return undefined;
    const owner = {};
    this.locks.set(seller, { until: now + ttlMs, owner });
    return async () => {
      if (this.locks.get(seller)?.owner === owner) this.locks.delete(seller);
    };
  }
}
