/**
 * The client-wide pause after the gateway said "too many" (no task starts before it ends), and the
 * one way of waiting long: timers never exceed what `setTimeout` takes (a longer delay would fire at
 * once, with a warning), and whoever holds a wait can cancel it, so that a closed limiter leaves no
 * timer behind and the process can exit.
 */
import { RateLimitError } from '../errors.js';
import { MAX_TIMER_MS } from './scheduler.js';

/**
 * Calls `fn` after `ms` (any length: chained timers of at most 2^31 − 1 ms), never synchronously.
 * Returns the cancel function.
 */
export function longTimeout(ms: number, fn: () => void): () => void {
  const endsAt = Date.now() + ms;
  const arm = (delay: number): NodeJS.Timeout =>
    setTimeout(
      () => {
        const left = endsAt - Date.now();
        if (left > 0) timer = arm(left);
        else fn();
      },
      Math.min(Math.max(0, delay), MAX_TIMER_MS),
    );
  let timer = arm(ms);
  return () => clearTimeout(timer);
}

/** The error of a call that may not wait as long as the pause still lasts. */
export function pausedError(appKey: string, leftMs: number, maxWaitMs: number): RateLimitError {
  return new RateLimitError({
    message: `app ${appKey} is paused by the gateway for another ${leftMs} ms, longer than this call may wait (${maxWaitMs} ms)`,
    code: 'paused',
    retryAfterMs: leftMs,
    local: true,
  });
}

export class PauseGate {
  private pausedUntil = 0;
  private readonly sleepers = new Map<() => void, () => void>();

  /** Extends the pause to `ms` from now (a shorter pause never shortens a longer one). Returns true when it grew. */
  pauseFor(ms: number): boolean {
    if (!(ms > 0)) return false;
    const until = Date.now() + ms;
    if (until <= this.pausedUntil) return false;
    this.pausedUntil = until;
    return true;
  }

  /** What is left of the pause, in ms (0 when none). */
  remainingMs(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  /**
   * Throws `RateLimitError` (with `retryAfterMs`) when the pause outlasts `maxWaitMs`: a task that
   * may not wait that long should hear so at once rather than at the end of its wait.
   */
  assertWithin(maxWaitMs: number | undefined, appKey: string): void {
    const left = this.remainingMs();
    if (maxWaitMs === undefined || left <= maxWaitMs) return;
    throw pausedError(appKey, left, maxWaitMs);
  }

  /** Resolves when the pause is over, or at once after `clear()`. */
  async wait(isCancelled: () => boolean): Promise<void> {
    for (let left = this.remainingMs(); left > 0 && !isCancelled(); left = this.remainingMs()) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.sleepers.delete(resolve);
          resolve();
        };
        this.sleepers.set(resolve, longTimeout(left, done));
      });
    }
  }

  /** Ends every wait and forgets the pause (on close). */
  clear(): void {
    this.pausedUntil = 0;
    for (const [resolve, cancel] of this.sleepers) {
      cancel();
      resolve();
    }
    this.sleepers.clear();
  }
}
