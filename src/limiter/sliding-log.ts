/**
 * The one admission algorithm of every quota, as a sliding-window log: this class runs it in the
 * process (no Redis, or the `onRedisDown: 'local'` fallback), redis-scripts.ts runs the same steps
 * in Redis, timed by the Redis server's clock; tests/redis/sliding-log-equivalence.test.ts drives
 * both with the same random operations and requires the same answers. Times are whole µs.
 *
 * The log holds one entry per admitted call. While the call runs, the entry is RUNNING and counts in
 * every window; it has a lease deadline that its process renews while alive. When the call ends (we
 * have its response, or its error), the entry becomes a LOG entry of each window that expires one
 * window after that moment. A call is admitted when, in every window, running + live log entries
 * are fewer than the limit.
 *
 * Why no window at the gateway ever sees more than `limit` requests (the correctness argument):
 * - Request `a` reaches the gateway at some moment `arr(a)` after its admission and before its
 *   process learns how it ended: `adm(a) <= arr(a) <= end(a)`. Latency may be anything.
 * - The log learns of the end after it happened (`finish` is sent after the response, and the clock
 *   is read when the log runs it), so `a` stops counting at `exp(a) >= end(a) + W >= arr(a) + W`.
 *   The clock reads whole µs, so `finish` adds 1 µs: the true moment may be up to 1 µs past `now`.
 * - Take any window `(x - W, x]` at the gateway and the set S of requests that arrived in it; let `b`
 *   be the member of S admitted last. Every other `a` in S was admitted before `b` and
 *   `arr(b) - arr(a) < W`. Had `a` stopped counting before `b` was admitted, `exp(a) <= adm(b)`, so
 *   `arr(a) + W <= exp(a) <= adm(b) <= arr(b)`: a contradiction. So when `b` was admitted the other
 *   members of S all counted, and admission needs one more free unit: `|S| <= limit`.
 * - What it rests on: one clock for all admissions of a quota (this process's monotonic clock, or the
 *   Redis server's), measuring durations no shorter than the gateway's clock does (NTP keeps rates
 *   within a few ppm; a Redis host whose wall clock is stepped forward frees units early), and the
 *   causal order admission → arrival → end → the log hears of it. Network latency does not matter.
 * - A process that dies cannot report `end`. Its running entries lapse at their lease deadline and
 *   are then treated as ended at that deadline (log entries until deadline + W): a request of a dead
 *   process arrives before its process's last renewal + lease (the lease covers admission → arrival,
 *   which is a few ms; it is renewed every lease/4 while the call runs). A living process whose event
 *   loop stalls for most of a lease between admission and sending is the one case this cannot cover.
 * - A call cancelled before it started is `refund`ed: nothing was sent, its entry simply goes.
 * - A log can be lost (Redis FLUSHALL, a restart without persistence, eviction, a failover that lost
 *   the last writes); an empty log would admit a full quota inside windows that already hold one.
 *   Each process passes the id of its last finished call and until when it must still count; finding
 *   it gone before then, the log admits nothing for the longest window plus the lease (quarantine,
 *   stored as a pause for everyone), after which nothing admitted before the loss counts any more.
 *   Keys that expired after an idle period are not a loss: by then nothing in them counted.
 * Utilisation: each unit is busy for W plus the call's latency and one admission round trip, so at
 * saturation the log sends W / (W + latency) of the ideal; units of a dead process come back one
 * window (plus the lease, for calls it had running) after the last thing it sent.
 */

/**
 * Admitted now, or not before `waitMs` (a lower bound: ask again then). `paused`: a gateway pause or
 * a quarantine; `lost`: this answer found the log lost and started the quarantine.
 */
export type Admission = { admitted: true } | { admitted: false; waitMs: number; paused: boolean; lost: boolean };

/** The caller's last finished call, which must still count until `untilUs` (it detects a lost log). */
export interface Expected {
  id: string;
  untilUs: number;
}

/** What a log holds, relative to `now`: running ids, and per window each entry's µs left. */
export interface LogSnapshot {
  running: string[];
  logs: Array<Array<[id: string, remainingUs: number]>>;
}

export class SlidingLog {
  /** id → lease deadline. */
  private readonly running = new Map<string, number>();
  /** Per window: id → the moment it stops counting. */
  private readonly logs: Array<Map<string, number>>;
  private pausedUntil = 0;

  /** `windowsUs`: the window lengths; `leaseUs`: how long a running entry lives without renewal. */
  constructor(
    readonly windowsUs: readonly number[],
    readonly leaseUs: number,
  ) {
    this.logs = windowsUs.map(() => new Map());
  }

  /** Lapsed leases become log entries (as if their call ended at the deadline); expired entries go. */
  private sweep(now: number): void {
    for (const [id, deadline] of this.running) {
      if (deadline > now) continue;
      this.running.delete(id);
      this.logs.forEach((log, w) => log.set(id, deadline + (this.windowsUs[w] as number) + 1));
    }
    for (const log of this.logs) {
      for (const [id, expiry] of log) if (expiry <= now) log.delete(id);
    }
  }

  /** Admits `id` when every window has room under its limit (`limits[w]`), else says how long to wait. */
  admit(now: number, id: string, limits: readonly number[], expected?: Expected): Admission {
    let lost = false;
    const longest = this.windowsUs.indexOf(Math.max(...this.windowsUs));
    if (
      expected !== undefined &&
      now < expected.untilUs &&
      !this.running.has(expected.id) &&
      !this.logs[longest]?.has(expected.id)
    ) {
      lost = true;
      this.pausedUntil = Math.max(this.pausedUntil, now + (this.windowsUs[longest] as number) + this.leaseUs);
    }
    if (this.pausedUntil > now) {
      return { admitted: false, waitMs: Math.ceil((this.pausedUntil - now) / 1000), paused: true, lost };
    }
    this.sweep(now);
    let waitUs = 0;
    this.logs.forEach((log, w) => {
      const excess = this.running.size + log.size - (limits[w] as number) + 1;
      if (excess <= 0) return;
      // Running entries end at `now` at the earliest, so they free nothing before now + W; every log
      // entry frees its unit at or before that. The `excess`-th unit back is a lower bound on the wait.
      let free = now + (this.windowsUs[w] as number);
      if (excess <= log.size) free = [...log.values()].sort((x, y) => x - y)[excess - 1] as number;
      waitUs = Math.max(waitUs, free - now);
    });
    if (waitUs > 0) return { admitted: false, waitMs: Math.ceil(waitUs / 1000), paused: false, lost: false };
    this.running.set(id, now + this.leaseUs);
    return { admitted: true };
  }

  /** The call `id` ended (its request, if any, reached the gateway before `now`). Returns `now`. */
  finish(now: number, id: string): number {
    this.running.delete(id);
    this.logs.forEach((log, w) => log.set(id, now + (this.windowsUs[w] as number) + 1));
    return now;
  }

  /** `id` was admitted but nothing was sent: its unit is free again. */
  refund(id: string): void {
    this.running.delete(id);
    for (const log of this.logs) log.delete(id);
  }

  /** The process of these running ids is alive: their leases start again. */
  renew(now: number, ids: readonly string[]): void {
    for (const id of ids) if (this.running.has(id)) this.running.set(id, now + this.leaseUs);
  }

  /** No admission for `pauseUs` from now (a shorter pause never shortens a longer one); returns ms left. */
  pause(now: number, pauseUs: number): number {
    this.pausedUntil = Math.max(this.pausedUntil, now + pauseUs);
    return Math.ceil((this.pausedUntil - now) / 1000);
  }

  /** Running ids and the live log entries with their µs left (to carry them into Redis). */
  snapshot(now: number): LogSnapshot {
    this.sweep(now);
    return {
      running: [...this.running.keys()],
      logs: this.logs.map((log) => [...log].map(([id, expiry]): [string, number] => [id, expiry - now])),
    };
  }

  /** Adds entries taken elsewhere: running ones with a fresh lease, log ones with their µs left. */
  restore(now: number, snapshot: LogSnapshot): void {
    for (const id of snapshot.running) this.running.set(id, now + this.leaseUs);
    snapshot.logs.forEach((entries, w) => {
      for (const [id, remainingUs] of entries) if (remainingUs > 0) this.logs[w]?.set(id, now + remainingUs);
    });
  }

  /** True when nothing counts any more and no pause is left: the log can be forgotten. */
  idle(now: number): boolean {
    this.sweep(now);
    return this.running.size === 0 && this.logs.every((log) => log.size === 0) && this.pausedUntil <= now;
  }
}
