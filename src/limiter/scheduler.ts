/**
 * The seam between the client and its rate limiter. The client runs every attempt of every call
 * (retries and pages included) through `schedule`, and tells the scheduler to hold everything back
 * when the gateway still answers with a rate-limit error.
 */

/** How one task waits for its turn. */
export interface ScheduleOptions {
  /** Bottleneck priority 0 (first) … 9 (last); 5 by default. */
  priority?: number;
  /** Aborting while the task waits rejects with the signal's reason; the task is never started. */
  signal?: AbortSignal;
  /**
   * The longest the task may wait before it starts (queue and gateway pauses together). A pause
   * known to last longer rejects at once with `RateLimitError` (`retryAfterMs`: what is left of the
   * pause); a wait that runs out rejects with `TimeoutError` (code `queue-timeout`). Either way the
   * task is never started and the unit it waited for is not used. No limit when absent.
   */
  maxWaitMs?: number;
}

/** What `onRateLimited` receives when the whole client holds back. */
export interface RateLimitedEvent {
  appKey: string;
  /** `gateway`: the gateway still said "too many" and everything pauses; `queue-full`: `maxQueued` refused a call. */
  source: 'gateway' | 'queue-full';
  pauseMs: number;
  /** Epoch ms at which calls start again (`Date.now()` based). */
  resumeAt: number;
}

/** What the client runs every attempt through: a rate limiter, or none. */
export interface CallScheduler {
  /** Runs `task` when the limits allow; the task's result or error passes through unchanged. */
  schedule<T>(task: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  /**
   * The gateway said "too many": start no task of the app key for `ms`, capped at `limits.maxPauseMs`
   * (every client of the key, and every process when the quota is shared). Returns the pause applied
   * (ms, after the cap; 0 when none). `reported: true` when the caller has already logged the event
   * and told the hooks.
   */
  pauseFor(ms: number, options?: { reported?: boolean }): number;
  /** Rejects queued tasks with a clear error and releases timers and connections. */
  close(): Promise<void>;
}

/** The longest delay `setTimeout` takes (2^31 − 1 ms): a longer one fires at once, with a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
