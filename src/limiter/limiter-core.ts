/**
 * The scheduler of one quota (app key and `id`) in this process, shared by every client of it
 * (registry.ts hands out handles). Three parts, each doing one thing:
 * - Bottleneck runs the LOCAL queue: it starts calls by priority, at most `maxConcurrent` at once (a
 *   call waiting for its unit counts as running). `maxQueued` is counted here, synchronously, so that
 *   the call that overflows fails at once. Bottleneck never holds units: no reservoir, no Redis.
 * - The admission pump (admission.ts) lets the started calls ask the quota for a unit one at a time,
 *   by priority.
 * - The quota store decides admission: the sliding-window log (sliding-log.ts, which has the
 *   correctness argument), in this process or in Redis on the Redis server's clock (shared-store.ts).
 * A call cancelled (aborted, `maxWaitMs` over, closed) before it starts never took a unit, or gives
 * back the one it was just given, and is never started.
 * Bottleneck 2.19.5 traps met here: `stop()` waits for the jobs already executing (so calls waiting
 * for a unit are released before it), it rejects a second `stop()`, and each job start costs a few
 * timer turns (`yieldLoop`), which is why the admission of units does not go through it.
 */
import Bottleneck from 'bottleneck';
import { RateLimitError, TimeoutError } from '../errors.js';
import { type Logger } from '../logger.js';
import { LimiterClosedError, LimiterUnavailableError } from './errors.js';
import type { ResolvedLimits } from './options.js';
import { longTimeout, PauseGate, pausedError } from './pause.js';
import { AdmissionPump } from './admission.js';
import type { QuotaStore } from './quota-store.js';
import type { RateLimitedEvent, ScheduleOptions } from './scheduler.js';

/** A client using the quota: where its log lines and rate-limit events go. */
export interface Owner {
  readonly logger: Logger;
  readonly onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
}

interface Entry {
  /** The call's entry in the quota's log, once admitted. */
  id: string;
  owner: Owner;
  priority: number;
  queuedAt: number;
  deadlineAt: number | undefined;
  settled: boolean;
  started: boolean;
  reject: (error: unknown) => void;
}

const SKIPPED = Symbol('skipped');

/** Bottleneck's own rule: integers 0 (first) … 9 (last), anything else 5. */
function bottleneckPriority(priority: number | undefined): number {
  return priority === undefined || !Number.isInteger(priority) ? 5 : Math.min(9, Math.max(0, priority));
}

export class LimiterCore {
  private readonly queue: Bottleneck;
  private readonly pause = new PauseGate();
  private readonly pump: AdmissionPump;
  private readonly entries = new Set<Entry>();
  private readonly running = new Map<Promise<unknown>, Owner>();
  private readonly owners = new Set<Owner>();
  private queued = 0;
  private closed = false;
  private cancelSweep: (() => void) | undefined;
  private nextId = 0;
  private readonly idPrefix = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly appKey: string,
    private readonly limits: ResolvedLimits,
    readonly store: QuotaStore,
  ) {
    this.queue = new Bottleneck({ maxConcurrent: limits.maxConcurrent });
    this.pump = new AdmissionPump({
      store,
      pause: this.pause,
      learnPause: (ms) => this.learnPause(ms),
      storeFailed: (error) => this.storeFailed(error),
    });
  }

  attach(owner: Owner): void {
    this.owners.add(owner);
  }

  /** Logs once to each distinct logger of the clients sharing this quota. */
  log(level: keyof Logger, object: Record<string, unknown>, message: string): void {
    for (const logger of new Set([...this.owners].map((owner) => owner.logger))) logger[level](object, message);
  }

  async schedule<T>(task: () => Promise<T>, options: ScheduleOptions, owner: Owner): Promise<T> {
    if (this.closed) throw new LimiterClosedError(this.appKey);
    options.signal?.throwIfAborted();
    this.pause.assertWithin(options.maxWaitMs, this.appKey);
    if (this.queued >= this.limits.maxQueued) {
      this.report(owner, 'queue-full', 0);
      throw new RateLimitError({
        message: `Too many calls waiting for the rate limiter of app ${this.appKey} (maxQueued ${this.limits.maxQueued})`,
        code: 'local-queue-full',
        local: true,
      });
    }
    let rejectEarly: (error: unknown) => void = () => {};
    const early = new Promise<never>((_, reject) => (rejectEarly = reject));
    early.catch(() => undefined);
    const { maxWaitMs } = options;
    const now = Date.now();
    const entry: Entry = {
      id: `${this.idPrefix}:${(this.nextId++).toString(36)}`,
      owner,
      priority: bottleneckPriority(options.priority),
      queuedAt: now,
      deadlineAt: maxWaitMs === undefined ? undefined : now + maxWaitMs,
      settled: false,
      started: false,
      reject: (error) => rejectEarly(error),
    };
    this.entries.add(entry);
    this.queued++;
    const onAbort = (): void => this.giveUp(entry, options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cancelTimer =
      maxWaitMs === undefined
        ? undefined
        : longTimeout(maxWaitMs, () => this.giveUp(entry, queueTimeout(this.appKey, maxWaitMs)));
    if (this.store.unavailableSince() !== undefined) this.armSweep();
    const work = this.queue.schedule({ priority: entry.priority }, () => this.run(entry, task));
    this.running.set(work, owner);
    void work.then(
      () => this.running.delete(work),
      () => this.running.delete(work),
    );
    try {
      const result = await Promise.race([work, early]);
      if (result === SKIPPED) throw new LimiterClosedError(this.appKey);
      return result;
    } finally {
      cancelTimer?.();
      options.signal?.removeEventListener('abort', onAbort);
      this.giveUp(entry, undefined);
      this.entries.delete(entry);
    }
  }

  /** Leaves the queue without starting (no-op once started or settled); `error` rejects the call. */
  private giveUp(entry: Entry, error: unknown): void {
    if (entry.started || entry.settled) return;
    entry.settled = true;
    this.queued--;
    if (error !== undefined) entry.reject(error);
    this.pump.cancel(entry.id);
  }

  /** One queue job: wait for a unit, then run the task and report its end. */
  private async run<T>(entry: Entry, task: () => Promise<T>): Promise<T | typeof SKIPPED> {
    if (entry.settled || !(await this.pump.admit(entry.id, entry.priority, () => entry.settled || this.closed))) {
      return SKIPPED;
    }
    entry.started = true;
    this.queued--;
    try {
      return await task();
    } finally {
      this.store.finish(entry.id);
    }
  }

  /** A pause learned from the store or the gateway: calls that may not wait that long fail now. */
  private learnPause(ms: number): void {
    this.pause.pauseFor(ms);
    // A longer pause known before still counts.
    const left = this.pause.remainingMs();
    const until = Date.now() + left;
    for (const entry of this.entries) {
      if (entry.deadlineAt !== undefined && entry.deadlineAt < until) {
        this.giveUp(entry, pausedError(this.appKey, left, entry.deadlineAt - entry.queuedAt));
      }
    }
  }

  pauseFor(ms: number, reported: boolean, owner: Owner): number {
    const capped = Math.min(ms, this.limits.maxPauseMs);
    if (!(capped > 0) || this.closed) return 0;
    const grew = this.pause.pauseFor(capped);
    this.store.pause(capped);
    this.learnPause(capped);
    if (grew && !reported) this.report(owner, 'gateway', capped);
    return capped;
  }

  /** `onRedisDown: 'fail'`: calls that waited `redisTimeoutMs` on an unreachable store fail. */
  private storeFailed(error: unknown): void {
    this.log('debug', { err: error, appKey: this.appKey }, 'rate limiter: quota store did not answer');
    this.armSweep();
  }

  private armSweep(): void {
    const since = this.store.unavailableSince();
    if (since === undefined || this.cancelSweep !== undefined || this.closed) return;
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.entries) {
      if (!entry.settled && !entry.started) next = Math.min(next, Math.max(entry.queuedAt, since));
    }
    if (next === Number.POSITIVE_INFINITY) return;
    this.cancelSweep = longTimeout(next + this.limits.redisTimeoutMs - Date.now(), () => {
      this.cancelSweep = undefined;
      this.sweep();
    });
  }

  private sweep(): void {
    const since = this.store.unavailableSince();
    if (since === undefined) return;
    const timeout = this.limits.redisTimeoutMs;
    for (const entry of this.entries) {
      if (Date.now() - Math.max(entry.queuedAt, since) < timeout) continue;
      this.giveUp(
        entry,
        new LimiterUnavailableError(
          `${this.store.describe()} has been unreachable for ${timeout} ms (limits.redisTimeoutMs), so the shared ` +
            `rate limiter cannot admit calls of app ${this.appKey}; the call was not sent`,
        ),
      );
    }
    this.armSweep();
  }

  private report(owner: Owner, source: RateLimitedEvent['source'], pauseMs: number): void {
    const event: RateLimitedEvent = { appKey: this.appKey, source, pauseMs, resumeAt: Date.now() + pauseMs };
    owner.logger.warn(
      { ...event },
      source === 'gateway'
        ? `rate limited by the gateway: all calls of app ${this.appKey} pause for ${pauseMs} ms`
        : `rate limiter queue full for app ${this.appKey}: call refused`,
    );
    try {
      owner.onRateLimited?.(event);
    } catch (error) {
      owner.logger.error({ err: error }, 'onRateLimited hook threw');
    }
  }

  /** One client leaves: its calls not yet started fail, its running calls finish. */
  async detach(owner: Owner): Promise<void> {
    this.owners.delete(owner);
    for (const entry of this.entries)
      if (entry.owner === owner) this.giveUp(entry, new LimiterClosedError(this.appKey));
    await Promise.allSettled([...this.running].filter(([, by]) => by === owner).map(([work]) => work));
  }

  /** The last client left: stop the queue and the pump, wait for running calls, release the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelSweep?.();
    for (const entry of this.entries) this.giveUp(entry, new LimiterClosedError(this.appKey));
    this.pump.close();
    await this.queue.stop({ dropWaitingJobs: true }).catch(() => undefined);
    await Promise.allSettled([...this.running.keys()]);
    this.pause.clear();
    await this.store.close();
  }
}

function queueTimeout(appKey: string, maxWaitMs: number): TimeoutError {
  return new TimeoutError({
    message: `waited ${maxWaitMs} ms for the rate limiter of app ${appKey} without being sent`,
    code: 'queue-timeout',
  });
}
