/**
 * A scheduler built on first use. The shared (Redis) limiter lives in a module that loads ioredis;
 * deferring its import to the first call keeps `require('open1688')` free of it. Pauses and a close
 * that arrive before the first call are applied once it exists.
 */
import { LimiterClosedError } from './errors.js';
import type { CallScheduler, ScheduleOptions } from './scheduler.js';

export class DeferredScheduler implements CallScheduler {
  private inner: Promise<CallScheduler> | undefined;
  private pendingPause: { ms: number; at: number; reported: boolean } | undefined;
  private closed = false;

  constructor(
    private readonly appKey: string,
    private readonly build: () => Promise<CallScheduler>,
  ) {}

  private get(): Promise<CallScheduler> {
    if (this.inner === undefined) {
      this.inner = this.build().then((scheduler) => {
        const pause = this.pendingPause;
        if (pause !== undefined) {
          const left = pause.ms - (Date.now() - pause.at);
          if (left > 0) scheduler.pauseFor(left, { reported: pause.reported });
        }
        return scheduler;
      });
    }
    return this.inner;
  }

  async schedule<T>(task: () => Promise<T>, options?: ScheduleOptions): Promise<T> {
    if (this.closed) throw new LimiterClosedError(this.appKey);
    const scheduler = await this.get();
    return scheduler.schedule(task, options);
  }

  pauseFor(ms: number, options?: { reported?: boolean }): void {
    if (this.inner === undefined) {
      const pending = this.pendingPause;
      if (pending === undefined || Date.now() + ms > pending.at + pending.ms) {
        this.pendingPause = { ms, at: Date.now(), reported: options?.reported ?? false };
      }
      return;
    }
    void this.inner.then((scheduler) => scheduler.pauseFor(ms, options)).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Never built: there is nothing to release, and no reason to load Redis just to close it.
    if (this.inner === undefined) return;
    const scheduler = await this.inner.catch(() => undefined);
    await scheduler?.close();
  }
}
