/**
 * What the local and the shared limiter have in common: the bounded wait queue (`maxQueued`), the
 * client-wide pause after a gateway rate-limit answer, `close()`, and running each call through the
 * two sliding-window gates (per minute, then per second).
 */
import { RateLimitError, TimeoutError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { LimiterClosedError } from './errors.js';
import { type ResolvedLimits } from './options.js';
import { PauseGate } from './pause.js';
import { MAX_TIMER_MS, type CallScheduler, type RateLimitedEvent, type ScheduleOptions } from './scheduler.js';
import { type SlidingWindowGate } from './sliding-window.js';

export interface Gates {
  /** The long window; it also holds `maxConcurrent`, so a call waiting for the short one counts as running. */
  minute: SlidingWindowGate;
  second: SlidingWindowGate;
}

export interface SchedulerContext {
  appKey: string;
  limits: ResolvedLimits;
  logger?: Logger | undefined;
  onRateLimited?: ((event: RateLimitedEvent) => void) | undefined;
}

interface Entry {
  settled: boolean;
  started: boolean;
  reject: (error: unknown) => void;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A failure of the limiter itself (not of the task) that the subclass may repair and retry. */
export type FailureDecision = 'retry' | { fail: unknown };

export abstract class GatedScheduler implements CallScheduler {
  protected readonly appKey: string;
  protected readonly limits: ResolvedLimits;
  protected readonly logger: Logger;
  private readonly onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
  private readonly entries = new Set<Entry>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly pause = new PauseGate();
  private queued = 0;
  protected closed = false;

  constructor(context: SchedulerContext) {
    this.appKey = context.appKey;
    this.limits = context.limits;
    this.logger = context.logger ?? silentLogger;
    this.onRateLimited = context.onRateLimited;
  }

  /** The gates to run the next call through (the shared limiter may have to (re)build them). */
  protected abstract acquireGates(): Promise<Gates>;
  /** The limiter (not the task) failed before the task started: repair and retry, or give up. */
  protected abstract onLimiterFailure(gates: Gates, error: unknown, attempt: number): Promise<FailureDecision>;
  /** Drops queued jobs, waits for running ones, then releases gates, timers and connections. */
  protected abstract shutdown(): Promise<void>;

  async schedule<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.closed) throw new LimiterClosedError(this.appKey);
    options.signal?.throwIfAborted();
    this.pause.assertWithin(options.maxWaitMs, this.appKey);
    if (this.queued >= this.limits.maxQueued) {
      this.report({ source: 'queue-full', pauseMs: 0 });
      throw new RateLimitError({
        message: `Too many calls waiting for the rate limiter of app ${this.appKey} (maxQueued ${this.limits.maxQueued})`,
        code: 'local-queue-full',
        local: true,
      });
    }
    let rejectEarly: (error: unknown) => void = () => {};
    const early = new Promise<never>((_, reject) => (rejectEarly = reject));
    early.catch(() => undefined);
    const entry: Entry = { settled: false, started: false, reject: (error) => rejectEarly(error) };
    this.entries.add(entry);
    this.queued++;
    const leaveQueue = (): void => {
      if (!entry.started && !entry.settled) this.queued--;
    };
    const giveUp = (error: unknown): void => {
      if (entry.started || entry.settled) return;
      leaveQueue();
      entry.settled = true;
      entry.reject(error);
    };
    const onAbort = (): void => giveUp(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const { maxWaitMs } = options;
    const queueTimer =
      maxWaitMs === undefined
        ? undefined
        : setTimeout(() => giveUp(queueTimeout(this.appKey, maxWaitMs)), Math.min(maxWaitMs, MAX_TIMER_MS));
    const work = this.runEntry(entry, task, options.priority);
    this.running.add(work);
    try {
      return await Promise.race([work, early]);
    } finally {
      clearTimeout(queueTimer);
      options.signal?.removeEventListener('abort', onAbort);
      leaveQueue();
      entry.settled = true;
      this.entries.delete(entry);
      void work.then(
        () => this.running.delete(work),
        () => this.running.delete(work),
      );
    }
  }

  private async runEntry<T>(entry: Entry, task: () => Promise<T>, priority: number | undefined): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const gates = await this.acquireGates();
      let outcome: Outcome<T> | undefined;
      const send = async (): Promise<void> => {
        // Cancelled or closed while queued: the unit is spent (harmless, it comes back), nothing is sent.
        if (entry.settled) return;
        await this.pause.wait(() => this.closed || entry.settled);
        if (entry.settled || this.closed) return;
        entry.started = true;
        this.queued--;
        try {
          outcome = { ok: true, value: await task() };
        } catch (error) {
          outcome = { ok: false, error };
        }
      };
      let limiterError: unknown;
      try {
        await gates.minute.run(() => gates.second.run(send, priority), priority);
      } catch (error) {
        limiterError = error;
      }
      // The task's own result wins over anything the limiter reported after it ran.
      if (outcome) {
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      }
      if (entry.settled) throw new LimiterClosedError(this.appKey);
      if (limiterError === undefined) throw new LimiterClosedError(this.appKey);
      const decision = await this.onLimiterFailure(gates, limiterError, attempt);
      if (decision !== 'retry') throw decision.fail;
      if (this.closed) throw new LimiterClosedError(this.appKey);
    }
  }

  pauseFor(ms: number, options?: { reported?: boolean }): void {
    if (this.pause.pauseFor(ms) && !options?.reported) this.report({ source: 'gateway', pauseMs: ms });
  }

  private report({ source, pauseMs }: { source: RateLimitedEvent['source']; pauseMs: number }): void {
    const event: RateLimitedEvent = { appKey: this.appKey, source, pauseMs, resumeAt: Date.now() + pauseMs };
    if (source === 'gateway') {
      this.logger.warn(
        { ...event },
        `rate limited by the gateway: all calls of app ${this.appKey} pause for ${pauseMs} ms`,
      );
    } else {
      this.logger.warn({ ...event }, `rate limiter queue full for app ${this.appKey}: call refused`);
    }
    try {
      this.onRateLimited?.(event);
    } catch (error) {
      this.logger.error({ err: error }, 'onRateLimited hook threw');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pause.clear();
    // Calls not yet sent are rejected; calls already sent finish and keep their results.
    for (const entry of this.entries) {
      if (!entry.started && !entry.settled) {
        entry.settled = true;
        this.queued--;
        entry.reject(new LimiterClosedError(this.appKey));
      }
    }
    // The subclass stops admitting (dropping what Bottleneck still queues) before we wait for the rest.
    await this.shutdown();
    await Promise.allSettled([...this.running]);
  }
}

function queueTimeout(appKey: string, maxWaitMs: number): TimeoutError {
  return new TimeoutError({
    message: `waited ${maxWaitMs} ms for the rate limiter of app ${appKey} without being sent`,
    code: 'queue-timeout',
  });
}
