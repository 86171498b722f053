/**
 * 1688 access tokens: a fixed token, a caller's `tokenProvider`, or a refresh token exchanged through
 * `system.oauth2/getToken`. When the gateway rejects a token the client refreshes once and repeats
 * the call; concurrent calls that saw the same stale token share that one refresh.
 */
import { z } from 'zod';
import { ResponseError } from '../errors.js';

/** Refreshes or fetches the 1688 access token; `forceRefresh` after the gateway rejected the last one. */
export type TokenProvider = (context: { forceRefresh: boolean }) => Promise<string>;

export const OAUTH_API = 'system.oauth2/getToken';

/** What `getToken` answers (extra fields such as `memberId` pass through). */
export const tokenResultSchema = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1).optional(),
    expires_in: z.union([z.number(), z.string()]).optional(),
    refresh_token_timeout: z.union([z.number(), z.string()]).optional(),
    resource_owner: z.string().optional(),
    memberId: z.string().optional(),
    aliId: z.union([z.string(), z.number()]).optional(),
  })
  .passthrough();

/** What `system.oauth2/getToken` answers: the access token, maybe a refresh token and their lifetimes. */
export type TokenResult = z.infer<typeof tokenResultSchema>;

export function readTokenResult(payload: unknown): TokenResult {
  const parsed = tokenResultSchema.safeParse(payload);
  if (!parsed.success) {
    // The payload may hold a token: name the failing field only.
    const field = parsed.error.issues[0]?.path.join('.') ?? '?';
    throw new ResponseError({
      message: `${OAUTH_API}: the answer has no usable access token (field "${field}")`,
      code: 'unexpected-envelope',
      dialect: 'aop',
      apiName: OAUTH_API,
    });
  }
  return parsed.data;
}

export interface TokenSources {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  provider?: TokenProvider | undefined;
  /** Exchanges a refresh token (the client's `refreshAccessToken`). */
  exchange: (refreshToken: string) => Promise<TokenResult>;
  /** Tells the redactor about every token value the client learns. */
  learn: (value: string | undefined) => void;
}

export class TokenManager {
  private token: string | undefined;
  private refreshToken: string | undefined;
  private inflight: Promise<string> | undefined;

  constructor(private readonly sources: TokenSources) {
    this.token = sources.accessToken;
    this.refreshToken = sources.refreshToken;
  }

  canRefresh(): boolean {
    return this.sources.provider !== undefined || this.refreshToken !== undefined;
  }

  /** The token to send now (fetched from the provider the first time). */
  async current(): Promise<string | undefined> {
    if (this.token !== undefined || this.sources.provider === undefined) return this.token;
    return this.runOnce(false);
  }

  /** A new token after `stale` was rejected; callers holding the same stale token share one refresh. */
  async refresh(stale: string | undefined): Promise<string> {
    if (this.token !== undefined && this.token !== stale) return this.token;
    return this.runOnce(true);
  }

  /** Remembers tokens the caller obtained through `getAccessToken` / `refreshAccessToken`. */
  adopt(result: TokenResult): void {
    this.sources.learn(result.access_token);
    this.sources.learn(result.refresh_token);
    this.token = result.access_token;
    if (result.refresh_token !== undefined) this.refreshToken = result.refresh_token;
  }

  private runOnce(forceRefresh: boolean): Promise<string> {
    this.inflight ??= this.fetch(forceRefresh).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetch(forceRefresh: boolean): Promise<string> {
    const { provider } = this.sources;
    if (provider !== undefined) {
      const token = await provider({ forceRefresh });
      if (typeof token !== 'string' || token === '') {
        throw new ResponseError({ message: 'tokenProvider returned no token', code: 'no-token', dialect: 'aop' });
      }
      this.sources.learn(token);
      this.token = token;
      return token;
    }
    const refreshToken = this.refreshToken as string;
    const result = await this.sources.exchange(refreshToken);
    this.adopt(result);
    return result.access_token;
  }
}
