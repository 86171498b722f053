/** What the dialect handlers share: apps, limits, clock, catalogue, OAuth, request ids. */
import type { AppRegistry, RegisteredApp } from './apps.js';
import type { Catalogue } from './catalogue.js';
import type { SandboxClock } from './clock.js';
import type { LimitDecision, SlidingWindowLimiter } from './limits.js';
import type { OAuthStore } from './oauth.js';
import type { ReplayStore } from './replay.js';

export interface SandboxContext {
  apps: AppRegistry;
  limiter: SlidingWindowLimiter;
  catalogue: Catalogue;
  /** Recorded answers and user handlers, asked after a dialect's own checks. */
  replay: ReplayStore;
  oauth: OAuthStore;
  clock: SandboxClock;
  /** A request id in the gateways' style, deterministic under the seed. */
  requestId(): string;
  /** OneBound calls counted per app key (api_info `today:N`, quota 4013, balance 4016). */
  oneBoundCalls: Map<string, number>;
}

/** Admits or refuses one request of `app` at the limiter's time. */
export function admit(ctx: SandboxContext, app: RegisteredApp, clockMs: number): LimitDecision {
  return ctx.limiter.admit(app.appKey, clockMs);
}

/** Max allowed distance between a client's timestamp and the gateway clock. */
export const MAX_SKEW_MS = 10 * 60_000;
