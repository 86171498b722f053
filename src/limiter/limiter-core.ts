/**
 * The scheduler of one quota (app key and `id`) in this process, shared by every client of it
 * (registry.ts hands out handles). Two parts, each doing one thing:
 * - Bottleneck runs the LOCAL queue: `queue` starts calls by priority, at most `maxConcurrent` at once
 *   (a call waiting for its unit counts as running); `gate` lets one call at a time ask the quota
 *   for a unit, again by priority. `maxQueued` is counted here, synchronously, so that the call that
 *   overflows fails at once. Bottleneck never holds units: no reservoir, no Redis datastore.
 * - The quota store decides admission: the sliding-window log (sliding-log.ts, which has the
 *   correctness argument), in this process or in Redis on the Redis server's clock (shared-store.ts).
 * The call holding the gate asks the store; when it must wait it sleeps while keeping the gate (so
 * that calls of its own priority stay behind it), unless a call of higher priority is waiting when
 * it wakes: then it steps back into the gate's queue. A call cancelled (aborted, `maxWaitMs` over,
 * closed) before it starts never took a unit, or gives back the one it just got (`refund`).
 */
import Bottleneck from 'bottleneck';
import { RateLimitError, TimeoutError } from '../errors.js';
import { type Logger } from '../logger.js';
import { LimiterClosedError, LimiterUnavailableError } from './errors.js';
import type { ResolvedLimits } from './options.js';
import { longTimeout, PauseGate, pausedError } from './pause.js';
import type { QuotaStore } from './quota-store.js';
import type { RateLimitedEvent, ScheduleOptions } from './scheduler.js';

/** A client using the quota: where its log lines and rate-limit events go. */
export interface Owner {
  readonly logger: Logger;
  readonly onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
}

interface Entry {
  owner: Owner;
  priority: number;
  queuedAt: number;
  deadlineAt: number | undefined;
  settled: boolean;
  started: boolean;
  reject: (error: unknown) => void;
}

/** How soon the gate asks a store again after it failed to answer. */
const STORE_RETRY_MS = 100;
const SKIPPED = Symbol('skipped');

/** Bottleneck's own rule: integers 0 (first) … 9 (last), anything else 5. */
function bottleneckPriority(priority: number | undefined): number {
  return priority === undefined || !Number.isInteger(priority) ? 5 : Math.min(9, Math.max(0, priority));
}

export class LimiterCore {
  private readonly queue: Bottleneck;
  private readonly gate = new Bottleneck({ maxConcurrent: 1 });
  private readonly pause = new PauseGate();
  private readonly entries = new Set<Entry>();
  private readonly running = new Map<Promise<unknown>, Owner>();
  private readonly owners = new Set<Owner>();
  private queued = 0;
  private closed = false;
  private head: { entry: Entry; wake: () => void } | undefined;
  private cancelSweep: (() => void) | undefined;
  private nextId = 0;
  private readonly idPrefix = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly appKey: string,
    private readonly limits: ResolvedLimits,
    readonly store: QuotaStore,
  ) {
    this.queue = new Bottleneck({ maxConcurrent: limits.maxConcurrent });
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
    if (this.head?.entry === entry) this.head.wake();
  }

  /** One queue job: wait for a unit through the gate, then run the task and report its end. */
  private async run<T>(entry: Entry, task: () => Promise<T>): Promise<T | typeof SKIPPED> {
    if (entry.settled) return SKIPPED;
    const id = `${this.idPrefix}:${(this.nextId++).toString(36)}`;
    let outcome: 'admitted' | 'gone' | 'yield';
    do {
      outcome = await this.gate.schedule({ priority: entry.priority }, () => this.holdGate(entry, id));
    } while (outcome === 'yield');
    if (outcome === 'gone') return SKIPPED;
    entry.started = true;
    this.queued--;
    try {
      return await task();
    } finally {
      this.store.finish(id);
    }
  }

  /** Runs while holding the gate: asks the store until admitted, cancelled, or out-prioritised. */
  private async holdGate(entry: Entry, id: string): Promise<'admitted' | 'gone' | 'yield'> {
    for (;;) {
      if (entry.settled || this.closed) return 'gone';
      let waitMs = this.pause.remainingMs();
      if (waitMs === 0) {
        try {
          const admission = await this.store.admit(id);
          if (admission.admitted) {
            if (!entry.settled && !this.closed) return 'admitted';
            this.store.refund(id);
            return 'gone';
          }
          if (admission.paused) this.learnPause(admission.waitMs);
          waitMs = admission.waitMs;
        } catch (error) {
          this.storeFailed(error);
          waitMs = STORE_RETRY_MS;
        }
      }
      if (entry.settled || this.closed) return 'gone';
      await new Promise<void>((resolve) => {
        const cancel = longTimeout(waitMs, () => wake());
        const wake = (): void => {
          cancel();
          this.head = undefined;
          resolve();
        };
        this.head = { entry, wake };
      });
      for (let p = 0; p < entry.priority; p++) if (this.gate.queued(p) > 0) return 'yield';
    }
  }

  /** A pause learned from the store or the gateway: calls that may not wait that long fail now. */
  private learnPause(ms: number): void {
    this.pause.pauseFor(ms);
    const until = Date.now() + ms;
    for (const entry of this.entries) {
      if (entry.deadlineAt !== undefined && entry.deadlineAt < until) {
        this.giveUp(entry, pausedError(this.appKey, ms, entry.deadlineAt - entry.queuedAt));
      }
    }
  }

  pauseFor(ms: number, reported: boolean, owner: Owner): void {
    const capped = Math.min(ms, this.limits.maxPauseMs);
    if (!(capped > 0) || this.closed) return;
    const grew = this.pause.pauseFor(capped);
    this.store.pause(capped);
    this.learnPause(capped);
    if (grew && !reported) this.report(owner, 'gateway', capped);
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

  /** The last client left: stop both queues, wait for running calls, release the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelSweep?.();
    this.head?.wake();
    for (const entry of this.entries) this.giveUp(entry, new LimiterClosedError(this.appKey));
    await Promise.all([
      this.gate.stop({ dropWaitingJobs: true }).catch(() => undefined),
      this.queue.stop({ dropWaitingJobs: true }).catch(() => undefined),
    ]);
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
