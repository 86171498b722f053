/** Summaries of the request log: counts, and the busiest sliding windows per app key. */
import type { SandboxLogEntry } from './log.js';

/** What one app key sent: totals by outcome and its busiest sliding windows. */
export interface AppStats {
  total: number;
  ok: number;
  rateLimited: number;
  /** Most requests (any outcome) in any sliding window of the QPS length (default 1 s). */
  maxInQpsWindow: number;
  /** Most requests (any outcome) in any sliding window of the per-minute length (default 60 s). */
  maxInMinuteWindow: number;
  /** The same, counting only requests answered ok: what the limits actually let through. */
  maxOkInQpsWindow: number;
  maxOkInMinuteWindow: number;
  /**
   * Requests that arrived when their window (t - length, t], themselves included, held more than the
   * app's limit: a client's sliding-window violations, counted even with `limits: false` (against
   * the limits it would have had, default 10/s and 100/min).
   */
  overQps: number;
  overPerMinute: number;
}

/** A summary of the request log: counts by outcome, dialect, API and app. */
export interface SandboxStats {
  total: number;
  byOutcome: Record<string, number>;
  byDialect: Record<string, number>;
  byApi: Record<string, number>;
  byApp: Record<string, AppStats>;
  /** The maxima over all app keys. */
  maxInQpsWindow: number;
  maxInMinuteWindow: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
}

export interface StatsLimits {
  qps: number;
  perMinute: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
}

export function computeStats(
  entries: readonly SandboxLogEntry[],
  limitsFor: (appKey: string) => StatsLimits,
  qpsWindowMs: number,
  perMinuteWindowMs: number,
): SandboxStats {
  const byOutcome: Record<string, number> = {};
  const byDialect: Record<string, number> = {};
  const byApi: Record<string, number> = {};
  const times = new Map<string, { all: number[]; ok: number[]; rateLimited: number }>();
  for (const e of entries) {
    byOutcome[e.outcome] = (byOutcome[e.outcome] ?? 0) + 1;
    byDialect[e.dialect] = (byDialect[e.dialect] ?? 0) + 1;
    if (e.api !== undefined) byApi[e.api] = (byApi[e.api] ?? 0) + 1;
    if (e.appKey === undefined) continue;
    let t = times.get(e.appKey);
    if (!t) times.set(e.appKey, (t = { all: [], ok: [], rateLimited: 0 }));
    t.all.push(e.clockMs);
    if (e.outcome === 'ok') t.ok.push(e.clockMs);
    if (e.outcome === 'rate-limited') t.rateLimited++;
  }
  const byApp: Record<string, AppStats> = {};
  let maxInQpsWindow = 0;
  let maxInMinuteWindow = 0;
  for (const [appKey, t] of times) {
    const limits = limitsFor(appKey);
    const stats: AppStats = {
      total: t.all.length,
      ok: t.ok.length,
      rateLimited: t.rateLimited,
      maxInQpsWindow: maxInWindow(t.all, qpsWindowMs),
      maxInMinuteWindow: maxInWindow(t.all, perMinuteWindowMs),
      maxOkInQpsWindow: maxInWindow(t.ok, qpsWindowMs),
      maxOkInMinuteWindow: maxInWindow(t.ok, perMinuteWindowMs),
      overQps: countOver(t.all, limits.qpsWindowMs, limits.qps),
      overPerMinute: countOver(t.all, limits.perMinuteWindowMs, limits.perMinute),
    };
    byApp[appKey] = stats;
    maxInQpsWindow = Math.max(maxInQpsWindow, stats.maxInQpsWindow);
    maxInMinuteWindow = Math.max(maxInMinuteWindow, stats.maxInMinuteWindow);
  }
  return {
    total: entries.length,
    byOutcome,
    byDialect,
    byApi,
    byApp,
    maxInQpsWindow,
    maxInMinuteWindow,
    qpsWindowMs,
    perMinuteWindowMs,
  };
}

/**
 * The most times in any window (t - windowMs, t]: the same half-open window the limiter uses, so a
 * client that the limiter never refused shows at most the limit here.
 */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** How many times t have more than `limit` times in their window (t - windowMs, t]. */
export function countOver(times: readonly number[], windowMs: number, limit: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let over = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    if (end - start + 1 > limit) over++;
  }
  return over;
}
