/**
 * One exact sliding-window limit ("at most `limit` requests in any `windowMs`") on top of a Bottleneck
 * reservoir that is never refreshed by time: every job takes one unit when Bottleneck starts it, and
 * gives it back `windowMs` after the job has FINISHED.
 *
 * Why no window at the gateway ever sees more than `limit` requests (the correctness argument):
 * - Request `a` reaches the gateway at some moment `arr(a)` between Bottleneck admitting it and our
 *   seeing its response: `admit(a) <= arr(a) <= end(a)`. We know nothing better about `arr(a)`
 *   (latency varies), and need nothing better.
 * - `a`'s unit is back in the reservoir only at `ret(a) > end(a) + windowMs` (the timer is re-armed
 *   if it fires early, and the increment travels to Redis after that).
 * - Take any window `(x - windowMs, x]` at the gateway and the set S of requests that arrived in it.
 *   Let `b` be the member of S admitted last. For every other `a` in S, `arr(b) - arr(a) < windowMs`.
 *   If `a`'s unit had been back before `b` was admitted, `ret(a) < admit(b)`, so
 *   `arr(a) <= end(a) < ret(a) - windowMs < admit(b) - windowMs <= arr(b) - windowMs`: a contradiction.
 *   So at `admit(b)` all of `S \ {b}` still held their units, and the reservoir (which admits only
 *   while a unit is left) had at least one more: `|S| <= limit`.
 * The argument uses one clock per unit (the process that ran the job measures `end` and the delay
 * with its monotonic clock), so it holds with any network latency, any reordering on the wire, and,
 * through Redis, any clock skew between hosts: Bottleneck's `Date.now()` is not involved in the
 * reservoir, only the order in which Redis runs the scripts.
 * A reservoir refreshed every `windowMs` ("100 per minute, refilled each minute") is a fixed window:
 * 100 calls at 0:59 and 100 at 1:00 are 200 in one minute. Returning each unit one window after its
 * own request is the incremental reservoir that closes that gap; utilisation only loses each
 * request's latency per window.
 */
import type Bottleneck from 'bottleneck';
import { performance } from 'node:perf_hooks';

/** One "at most `limit` in any `windowMs`" limit on a Bottleneck reservoir whose units come back one window after each job ends. */
export class SlidingWindowGate {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<() => void>();
  private readonly increments = new Set<Promise<unknown>>();
  private disposed = false;

  constructor(
    readonly bottleneck: Bottleneck,
    readonly limit: number,
    readonly windowMs: number,
    private readonly onReleaseError: (error: unknown) => void,
  ) {}

  /** Runs `fn` when a unit is free; the unit goes back `windowMs` after `fn` settles. */
  run<T>(fn: () => Promise<T>, priority: number | undefined): Promise<T> {
    return this.bottleneck.schedule({ priority: priority ?? 5 }, async () => {
      try {
        return await fn();
      } finally {
        this.releaseLater(performance.now());
      }
    });
  }

  /** Units that will come back later (jobs finished less than a window ago). */
  get pendingReleases(): number {
    return this.timers.size;
  }

  private releaseLater(endedAt: number): void {
    const arm = (delay: number): void => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const elapsed = performance.now() - endedAt;
        // Node may fire a timer up to a millisecond early; never hand a unit back early.
        if (elapsed <= this.windowMs) return arm(this.windowMs - elapsed + 1);
        if (!this.disposed) {
          const increment: Promise<unknown> = this.bottleneck.incrementReservoir(1).catch(this.onReleaseError);
          this.increments.add(increment);
          void increment.finally(() => this.increments.delete(increment));
        }
        if (this.timers.size === 0) this.notifyIdle();
      }, delay);
      // A finished script must be able to exit; only `close()` in shared mode waits for these.
      timer.unref();
      this.timers.add(timer);
    };
    arm(this.windowMs + 1);
  }

  /** Resolves when every pending unit has been handed back (shared mode's graceful close). */
  async releasesDone(): Promise<void> {
    if (this.timers.size > 0) await new Promise<void>((resolve) => this.waiters.add(resolve));
    await Promise.allSettled([...this.increments]);
  }

  private notifyIdle(): void {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }

  /** Drops pending releases (their reservoir is gone or private) and stops the Bottleneck instance. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.notifyIdle();
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}
