/** The apps registered with the sandbox: keys, secrets, tokens, and the limits of each. */
import { DEFAULT_LIMITS, type LimitSettings } from './limits.js';

/** The demo app every sandbox registers unless told otherwise (not a real app: printed by the CLI). */
export const SANDBOX_DEFAULTS = {
  appKey: '10000001',
  appSecret: 'sandbox-secret',
  accessToken: 'sandbox-access-token',
  refreshToken: 'sandbox-refresh-token',
  session: 'sandbox-session',
} as const;

/** An app the sandbox accepts: key, secret, tokens, sessions, allowed APIs, limits and quotas. */
export interface SandboxAppOptions {
  appKey: string;
  appSecret: string;
  /** Access tokens accepted for AOP (and as TOP sessions); they never expire. */
  accessTokens?: string[];
  /** TOP session keys; they never expire. */
  sessions?: string[];
  /** Refresh tokens accepted by system.oauth2/getToken; they never expire. */
  refreshTokens?: string[];
  /** When given, the only APIs the app may call (others: TOP 11, gw.APIACLDecline). */
  apis?: string[];
  /** This app's limits, over the sandbox-wide ones; `false` for none. */
  limits?: Partial<LimitSettings> | false;
  /** OneBound: calls allowed in total before 4013 (default 10 000, as `api_info` shows). */
  dailyQuota?: number;
  /** OneBound: paid calls left before 4016 (default unlimited). */
  balance?: number;
}

export interface RegisteredApp {
  appKey: string;
  appSecret: string;
  accessTokens: ReadonlySet<string>;
  sessions: ReadonlySet<string>;
  refreshTokens: ReadonlySet<string>;
  apis: ReadonlySet<string> | undefined;
  limits: LimitSettings | undefined;
  dailyQuota: number;
  balance: number;
}

const APP_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  constructor(apps: readonly SandboxAppOptions[], limits: Partial<LimitSettings> | false | undefined) {
    const list = apps.length > 0 ? apps : [defaultApp()];
    for (const app of list) {
      if (!APP_KEY.test(app.appKey ?? '')) throw new TypeError(`appKey must be 1-64 letters, digits, _ or -`);
      if (typeof app.appSecret !== 'string' || app.appSecret === '') {
        throw new TypeError(`app ${app.appKey}: appSecret must be a non-empty string`);
      }
      const own = app.limits === undefined ? limits : app.limits;
      this.apps.set(app.appKey, {
        appKey: app.appKey,
        appSecret: app.appSecret,
        accessTokens: new Set(app.accessTokens ?? []),
        sessions: new Set(app.sessions ?? []),
        refreshTokens: new Set(app.refreshTokens ?? []),
        apis: app.apis ? new Set(app.apis) : undefined,
        limits: own === false ? undefined : resolveLimits(own === undefined ? {} : own, limits),
        dailyQuota: app.dailyQuota ?? 10_000,
        balance: app.balance ?? Infinity,
      });
    }
  }

  get(appKey: string | undefined): RegisteredApp | undefined {
    return appKey === undefined ? undefined : this.apps.get(appKey);
  }

  all(): RegisteredApp[] {
    return [...this.apps.values()];
  }
}

function defaultApp(): SandboxAppOptions {
  return {
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    accessTokens: [SANDBOX_DEFAULTS.accessToken],
    sessions: [SANDBOX_DEFAULTS.session],
    refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
  };
}

function resolveLimits(own: Partial<LimitSettings>, shared: Partial<LimitSettings> | false | undefined): LimitSettings {
  const merged = { ...DEFAULT_LIMITS, ...(shared || {}), ...own };
  for (const [key, value] of Object.entries(merged)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`limits.${key} must be a positive number`);
  }
  return merged;
}
