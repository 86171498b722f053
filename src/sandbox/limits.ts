/**
 * Per-app-key call limits in true sliding windows (not fixed buckets): a request arriving at t is
 * admitted when fewer than `limit` admitted requests arrived in (t - window, t], for both the QPS and
 * the per-minute window. Refused requests do not count, as on the real gateways' app limits.
 */

export interface LimitSettings {
  qps: number;
  perMinute: number;
  qpsWindowMs: number;
  perMinuteWindowMs: number;
}

export const DEFAULT_LIMITS: LimitSettings = { qps: 10, perMinute: 100, qpsWindowMs: 1000, perMinuteWindowMs: 60_000 };

export type LimitDecision =
  { admitted: true } | { admitted: false; window: 'qps' | 'perMinute'; retryAfterMs: number; limit: number };

/** Admitted arrival times of one window, oldest first; a moving head avoids shifting the array. */
class Window {
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly lengthMs: number,
  ) {}

  count(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.lengthMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  /** When the oldest admitted request leaves the window. */
  retryAfterMs(now: number): number {
    const oldest = this.times[this.head];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.lengthMs - now);
  }

  push(now: number): void {
    this.times.push(now);
  }
}

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, { qps: Window; perMinute: Window }>();

  constructor(private readonly settingsFor: (appKey: string) => LimitSettings | undefined) {}

  admit(appKey: string, now: number): LimitDecision {
    const settings = this.settingsFor(appKey);
    if (!settings) return { admitted: true };
    let w = this.windows.get(appKey);
    if (!w) {
      w = {
        qps: new Window(settings.qps, settings.qpsWindowMs),
        perMinute: new Window(settings.perMinute, settings.perMinuteWindowMs),
      };
      this.windows.set(appKey, w);
    }
    for (const name of ['qps', 'perMinute'] as const) {
      const window = w[name];
      if (window.count(now) >= window.limit) {
        return { admitted: false, window: name, retryAfterMs: window.retryAfterMs(now), limit: window.limit };
      }
    }
    w.qps.push(now);
    w.perMinute.push(now);
    return { admitted: true };
  }

  reset(): void {
    this.windows.clear();
  }
}
