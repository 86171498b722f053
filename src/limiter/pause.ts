/**
 * The client-wide pause after the gateway said "too many": no task starts before it ends. Shared
 * by every scheduler kind. Timers never exceed what `setTimeout` takes (a longer delay would fire at
 * once), and `clear()` releases every one of them so that a closed client lets the process exit.
 */
import { RateLimitError } from '../errors.js';
import { MAX_TIMER_MS } from './scheduler.js';

export class PauseGate {
  private pausedUntil = 0;
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

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
    throw new RateLimitError({
      message: `app ${appKey} is paused by the gateway for another ${left} ms, longer than this call may wait (${maxWaitMs} ms)`,
      code: 'paused',
      retryAfterMs: left,
      local: true,
    });
  }

  /** Resolves when the pause is over, or at once after `clear()`. */
  async wait(isCancelled: () => boolean): Promise<void> {
    for (let left = this.remainingMs(); left > 0 && !isCancelled(); left = this.remainingMs()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            this.sleepers.delete(timer);
            resolve();
          },
          Math.min(left, MAX_TIMER_MS),
        );
        this.sleepers.set(timer, resolve);
      });
    }
  }

  /** Ends every wait and forgets the pause (on close). */
  clear(): void {
    this.pausedUntil = 0;
    for (const [timer, resolve] of this.sleepers) {
      clearTimeout(timer);
      resolve();
    }
    this.sleepers.clear();
  }
}
