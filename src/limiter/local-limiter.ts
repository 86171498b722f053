/** The limiter of one process: two in-memory Bottleneck reservoirs (see sliding-window.ts for why it holds). */
import Bottleneck from 'bottleneck';
import { GatedScheduler, type FailureDecision, type Gates, type SchedulerContext } from './gated-scheduler.js';
import { LimiterUnavailableError } from './errors.js';
import { SlidingWindowGate } from './sliding-window.js';

/** Exact sliding-window limits within one process. */
export class LocalLimiter extends GatedScheduler {
  private readonly gates: Gates;

  constructor(context: SchedulerContext) {
    super(context);
    const { qps, qpsWindowMs, perMinute, perMinuteWindowMs, maxConcurrent } = this.limits;
    const onError = (error: unknown): void => this.logger.error({ err: error }, 'rate limiter release failed');
    this.gates = {
      minute: new SlidingWindowGate(
        new Bottleneck({ reservoir: perMinute, maxConcurrent }),
        perMinute,
        perMinuteWindowMs,
        onError,
      ),
      second: new SlidingWindowGate(new Bottleneck({ reservoir: qps }), qps, qpsWindowMs, onError),
    };
  }

  protected async acquireGates(): Promise<Gates> {
    return this.gates;
  }

  protected async onLimiterFailure(_gates: Gates, error: unknown): Promise<FailureDecision> {
    return { fail: new LimiterUnavailableError('The in-memory rate limiter failed', error) };
  }

  protected async shutdown(): Promise<void> {
    // Nothing is shared: pending releases only matter to this process, which is done.
    await Promise.all([this.gates.minute.dispose(), this.gates.second.dispose()]);
  }
}
