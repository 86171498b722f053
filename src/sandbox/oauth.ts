/**
 * OAuth for the AOP dialect (system.oauth2/getToken) and the sessions of TOP: authorisation codes
 * that the sandbox issues (`sandbox.oauth.issueCode()` or GET /oauth/authorize), access tokens that
 * expire after `tokenTtlMs` (so that refresh can be tested), and refresh tokens.
 */
import type { AppRegistry } from './apps.js';
import type { SandboxClock } from './clock.js';
import { hash32 } from './random.js';

export const DEFAULT_TOKEN_TTL_MS = 10 * 3600_000; // 1688 issues access tokens for 10 hours
// 1688: a code lives 2 minutes and works once (ZyLob/1688 AuthApi.GetAliToken's notes, and 1688's
// web authorisation guide: https://blog.csdn.net/ioriliao/article/details/95090343).
const CODE_TTL_MS = 2 * 60_000;
const REFRESH_TTL_MS = 180 * 24 * 3600_000;

interface Grant {
  appKey: string;
  expiresAtMs: number;
  memberId: string;
  /** The redirect URI of the authorize request: the exchange must name the same one (RFC 6749 4.1.3). */
  redirectUri?: string;
}

export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'expired' | 'other-app';

export interface IssuedTokens {
  access_token: string;
  aliId: string;
  refresh_token?: string;
  refresh_token_timeout?: string;
  resource_owner: string;
  expires_in: string;
  memberId: string;
}

export type ExchangeResult =
  | { ok: true; tokens: IssuedTokens; refreshExpiresAtMs?: number }
  | { ok: false; error: 'invalid_grant' | 'invalid_request'; description: string };

/** The member behind the sandbox's grants: the seller of the seed item. */
const MEMBER = { memberId: 'b2b-2206619673102e9470', aliId: '2206619673102', owner: 'qin多亲科技' };

export class OAuthStore {
  private codes = new Map<string, Grant>();
  private tokens = new Map<string, Grant>();
  private refreshTokens = new Map<string, Grant>();
  private counter = 0;

  constructor(
    private readonly seed: number,
    private readonly apps: AppRegistry,
    private readonly clock: SandboxClock,
    readonly tokenTtlMs: number = DEFAULT_TOKEN_TTL_MS,
  ) {
    if (!(Number.isFinite(tokenTtlMs) && tokenTtlMs > 0)) throw new RangeError('tokenTtlMs must be a positive number');
  }

  private mint(prefix: string): string {
    this.counter++;
    const a = hash32(this.seed, this.counter, 1).toString(16).padStart(8, '0');
    const b = hash32(this.seed, this.counter, 2).toString(16).padStart(8, '0');
    return `${prefix}-${a}-${b}-${this.counter}`;
  }

  /**
   * A one-time authorisation code for `appKey`, as the 1688 login page would redirect with; one
   * issued for a `redirectUri` is exchanged only with that same URI.
   */
  issueCode(appKey: string, redirectUri?: string): string {
    if (!this.apps.get(appKey)) throw new RangeError(`no app ${appKey} is registered with the sandbox`);
    const code = this.mint('code');
    const grant: Grant = { appKey, expiresAtMs: this.clock.now() + CODE_TTL_MS, memberId: MEMBER.memberId };
    if (redirectUri !== undefined) grant.redirectUri = redirectUri;
    this.codes.set(code, grant);
    return code;
  }

  exchangeCode(appKey: string, code: string | undefined, redirectUri?: string): ExchangeResult {
    if (!code) return { ok: false, error: 'invalid_request', description: 'code is required' };
    const grant = this.codes.get(code);
    this.codes.delete(code); // a code is used once, whatever the outcome
    if (!grant || grant.appKey !== appKey || grant.expiresAtMs <= this.clock.now()) {
      return { ok: false, error: 'invalid_grant', description: 'the authorization code is invalid, used or expired' };
    }
    if (grant.redirectUri !== undefined && grant.redirectUri !== redirectUri) {
      return {
        ok: false,
        error: 'invalid_grant',
        description: 'redirect_uri does not match the authorization request',
      };
    }
    const refresh = this.mint('refresh');
    const refreshExpiresAtMs = this.clock.now() + REFRESH_TTL_MS;
    this.refreshTokens.set(refresh, { appKey, expiresAtMs: refreshExpiresAtMs, memberId: grant.memberId });
    return { ok: true, tokens: { ...this.newAccessToken(appKey), refresh_token: refresh }, refreshExpiresAtMs };
  }

  refresh(appKey: string, refreshToken: string | undefined): ExchangeResult {
    if (!refreshToken) return { ok: false, error: 'invalid_request', description: 'refresh_token is required' };
    const configured = this.apps.get(appKey)?.refreshTokens.has(refreshToken) ?? false;
    const grant = this.refreshTokens.get(refreshToken);
    const valid =
      configured || (grant !== undefined && grant.appKey === appKey && grant.expiresAtMs > this.clock.now());
    if (!valid) return { ok: false, error: 'invalid_grant', description: 'the refresh token is invalid or expired' };
    return { ok: true, tokens: this.newAccessToken(appKey) };
  }

  private newAccessToken(appKey: string): IssuedTokens {
    const token = this.mint('token');
    this.tokens.set(token, { appKey, expiresAtMs: this.clock.now() + this.tokenTtlMs, memberId: MEMBER.memberId });
    return {
      access_token: token,
      aliId: MEMBER.aliId,
      resource_owner: MEMBER.owner,
      expires_in: String(Math.max(1, Math.floor(this.tokenTtlMs / 1000))),
      memberId: MEMBER.memberId,
    };
  }

  /** An AOP access token (configured tokens never expire; issued ones after tokenTtlMs). */
  checkAccessToken(appKey: string, token: string | undefined): TokenCheck {
    if (!token) return 'missing';
    if (this.apps.get(appKey)?.accessTokens.has(token)) return 'ok';
    return this.checkIssued(appKey, token);
  }

  /** A TOP session: a configured session key, a configured access token, or an issued token. */
  checkSession(appKey: string, session: string | undefined): TokenCheck {
    if (!session) return 'missing';
    const app = this.apps.get(appKey);
    if (app?.sessions.has(session) || app?.accessTokens.has(session)) return 'ok';
    return this.checkIssued(appKey, session);
  }

  private checkIssued(appKey: string, token: string): TokenCheck {
    const grant = this.tokens.get(token);
    if (!grant) {
      for (const app of this.apps.all()) {
        if (app.appKey !== appKey && (app.accessTokens.has(token) || app.sessions.has(token))) return 'other-app';
      }
      return 'invalid';
    }
    if (grant.appKey !== appKey) return 'other-app';
    return grant.expiresAtMs > this.clock.now() ? 'ok' : 'expired';
  }
}
