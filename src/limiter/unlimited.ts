/** No limits (`limits: false`): tasks run at once, except while the gateway asked everyone to pause. */
import { LimiterClosedError } from './errors.js';
import { DEFAULT_MAX_PAUSE_MS } from './options.js';
import { PauseGate } from './pause.js';
import type { CallScheduler, ScheduleOptions } from './scheduler.js';

export class UnlimitedScheduler implements CallScheduler {
  private readonly pause = new PauseGate();
  private closed = false;

  constructor(private readonly appKey = 'unlimited') {}

  async schedule<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.closed) throw new LimiterClosedError(this.appKey);
    options.signal?.throwIfAborted();
    this.pause.assertWithin(options.maxWaitMs, this.appKey);
    await this.pause.wait(() => this.closed || options.signal?.aborted === true);
    if (this.closed) throw new LimiterClosedError(this.appKey);
    options.signal?.throwIfAborted();
    return task();
  }

  /** Pauses every call for `ms`, at most the default `maxPauseMs` (5 min: there are no limits to configure it in). */
  pauseFor(ms: number): number {
    const capped = Math.min(ms, DEFAULT_MAX_PAUSE_MS);
    if (this.closed || !(capped > 0)) return 0;
    this.pause.pauseFor(capped);
    return capped;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pause.clear();
  }
}
