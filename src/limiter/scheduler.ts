/**
 * The seam between the client and its rate limiter. The client runs every attempt of every call
 * (retries and pages included) through `schedule`, and tells the scheduler to hold everything back
 * when the gateway still answers with a rate-limit error.
 */
export interface ScheduleOptions {
  /** Bottleneck priority 0 (first) … 9 (last); 5 by default. */
  priority?: number;
  signal?: AbortSignal;
}

/** What the client runs every attempt through: a rate limiter, or none. */
export interface CallScheduler {
  /** Runs `task` when the limits allow; the task's result or error passes through unchanged. */
  schedule<T>(task: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  /**
   * The gateway said "too many": start no task for `ms` (the whole client, not just one call).
   * `reported: true` when the caller has already logged the event and told the hooks.
   */
  pauseFor(ms: number, options?: { reported?: boolean }): void;
  /** Rejects queued tasks with a clear error and releases timers and connections. */
  close(): Promise<void>;
}

/** No limits (`limits: false`): tasks run at once. */
export class UnlimitedScheduler implements CallScheduler {
  private pausedUntil = 0;

  async schedule<T>(task: () => Promise<T>): Promise<T> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return task();
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  async close(): Promise<void> {}
}
