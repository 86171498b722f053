/**
 * The sandbox's own clock: Date.now (or an injected `now`) plus an offset, so that tests can put the
 * gateway minutes away from the client and check timestamp validation and skew correction (the
 * `Date` response header follows this clock too).
 */

export interface SandboxClockOptions {
  /** Added to the wall clock, e.g. 11 * 60_000 to play a gateway 11 minutes ahead. */
  offsetMs?: number;
  /** Replaces Date.now (ms since the epoch); also drives the limit windows when given. */
  now?: () => number;
}

export class SandboxClock {
  private offsetMs: number;
  private readonly source: (() => number) | undefined;

  constructor(options: SandboxClockOptions = {}) {
    this.offsetMs = options.offsetMs ?? 0;
    this.source = options.now;
  }

  /** The gateway's wall-clock time in ms. */
  now(): number {
    return (this.source ? this.source() : Date.now()) + this.offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    if (!Number.isFinite(offsetMs)) throw new RangeError(`clock offset must be finite, got ${offsetMs}`);
    this.offsetMs = offsetMs;
  }

  /** The time the limit windows use: the injected clock when given, else the high-res arrival. */
  limiterTime(arrivalMs: number): number {
    return this.source ? this.source() : arrivalMs;
  }
}

// Parsing moved to src/clock.ts, beside the formatting, so that open1688/messages (SPI timestamps)
// uses it without loading the sandbox.
export { parseBeijingTimestamp } from '../clock.js';

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Beijing wall-clock text for OneBound's `server_time` and OAuth timeouts. */
export function beijingText(ms: number, pattern: 'datetime' | 'compact'): string {
  const t = new Date(ms + BEIJING_OFFSET_MS).toISOString(); // 2026-11-23T18:00:00.000Z, shifted
  const [date, rest] = t.split('T') as [string, string];
  const time = rest.slice(0, 8);
  if (pattern === 'datetime') return `${date} ${time}`;
  return `${date.replace(/-/g, '')}${time.replace(/:/g, '')}${rest.slice(9, 12)}+0800`;
}
