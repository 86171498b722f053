/**
 * Beijing time for the gateways. TOP wants `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai and rejects a
 * timestamp more than ten minutes off; peers format the host's local time and break on every server
 * that runs in UTC. The zone conversion goes through date-fns + @date-fns/tz so that it never depends
 * on the host's TZ.
 */
// The one function, not the package index: the index loads all 300 of date-fns' modules.
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { invalidRequest } from './errors.js';
import { describeValue } from './text/quote.js';

const BEIJING = tz('Asia/Shanghai');
const TOP_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/**
 * A clock with an offset learned from a gateway's `Date` header. Each client owns one, so that two
 * gateways with different skews do not disturb each other; `defaultClock` serves the free functions.
 */
export class Clock {
  private offsetMs = 0;
  // The formatted string only changes once a second: caching it keeps zone maths off the hot path.
  private cachedSecond = Number.NaN;
  private cachedText = '';

  /** Milliseconds since the epoch, corrected by the offset. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Sets the offset added to `Date.now()` (rounded to whole ms); throws on a non-finite number. */
  setOffsetMs(offsetMs: number): void {
    if (!Number.isFinite(offsetMs)) throw invalidRequest(`clock offset must be a finite number of ms, got ${offsetMs}`);
    this.offsetMs = Math.round(offsetMs);
  }

  /** The offset in ms currently added to `Date.now()`. */
  getOffsetMs(): number {
    return this.offsetMs;
  }

  /** The TOP timestamp for `date`, or for the corrected current time when `date` is omitted. */
  timestamp(date?: Date): string {
    if (date !== undefined) return formatBeijing(date);
    const nowMs = this.now();
    const second = Math.floor(nowMs / 1000);
    if (second !== this.cachedSecond) {
      this.cachedText = formatBeijing(new Date(second * 1000));
      this.cachedSecond = second;
    }
    return this.cachedText;
  }
}

function formatBeijing(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw invalidRequest(
      `beijingTimestamp needs a valid Date, got ${date instanceof Date ? String(date) : describeValue(date)}`,
    );
  }
  return format(date, TOP_FORMAT, { in: BEIJING });
}

/** The clock behind `beijingTimestamp` and the signing helpers when no client clock is given. */
export const defaultClock = new Clock();

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, whatever the host's time zone. */
export function beijingTimestamp(date?: Date): string {
  return defaultClock.timestamp(date);
}

/** Shifts the default clock (used by the next timestamps) by `offsetMs`, e.g. from a server `Date` header. */
export function setClockOffsetMs(offsetMs: number): void {
  defaultClock.setOffsetMs(offsetMs);
}

/** The offset in ms of the default clock (set by `setClockOffsetMs`). */
export function getClockOffsetMs(): number {
  return defaultClock.getOffsetMs();
}

/**
 * The server's clock minus ours, from an HTTP `Date` header (one-second resolution), measured
 * against the midpoint of the request. Undefined when the header is missing or unreadable.
 */
export function offsetFromDateHeader(
  dateHeader: string | undefined,
  sentAtMs: number,
  receivedAtMs: number,
): number | undefined {
  if (!dateHeader) return undefined;
  const serverMs = Date.parse(dateHeader);
  if (Number.isNaN(serverMs)) return undefined;
  // The header truncates to the second: its true value lies in [serverMs, serverMs + 1000).
  return serverMs + 500 - (sentAtMs + receivedAtMs) / 2;
}

const TOP_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// China has kept UTC+8 without daylight saving since 1991.
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Epoch ms of a TOP timestamp (`yyyy-MM-dd HH:mm:ss`, Beijing time), or undefined when malformed. */
export function parseBeijingTimestamp(text: string): number | undefined {
  const m = TOP_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real calendar date must come back unchanged.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms - BEIJING_OFFSET_MS;
}
