/** No limits (`limits: false`): tasks run at once, except while the gateway asked everyone to pause. */
import { LimiterClosedError } from './errors.js';
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

  pauseFor(ms: number): void {
    this.pause.pauseFor(ms);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pause.clear();
  }
}
