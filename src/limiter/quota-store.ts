/**
 * Where the log of a quota lives: in this process (MemoryStore, below) or in Redis (shared-store.ts).
 * The scheduler asks `admit` for one call at a time and reports how each admitted call ended.
 */
import { performance } from 'node:perf_hooks';
import { type Admission, SlidingLog } from './sliding-log.js';

export interface QuotaStore {
  /** Takes a unit for call `id` now, or says how long to wait. Rejects when the store cannot answer. */
  admit(id: string): Promise<Admission>;
  /** The admitted call `id` ended (sent or not, answered or failed). Never throws. */
  finish(id: string): void;
  /** The admitted call `id` was never started: its unit is free again. Never throws. */
  refund(id: string): void;
  /** Every user of the quota pauses for `ms` (already capped). Never throws. */
  pause(ms: number): void;
  /**
   * Since when (`Date.now()`) the store has failed to answer, when calls should fail because of it
   * (`onRedisDown: 'fail'`); `undefined` while it answers or when an outage is bridged locally.
   */
  unavailableSince(): number | undefined;
  /** Where the quota lives, for messages (never a password). */
  describe(): string;
  close(): Promise<void>;
}

/** The process's monotonic clock in whole µs (rounded down, as SlidingLog expects). */
export function monotonicUs(): number {
  return Math.floor(performance.now() * 1000);
}

/** A new in-process log for windows of these lengths (ms); running entries need no lease here. */
export function newLocalLog(windowsMs: readonly number[]): SlidingLog {
  return new SlidingLog(
    windowsMs.map((ms) => ms * 1000),
    Number.POSITIVE_INFINITY,
  );
}

/**
 * The quota of one process: SlidingLog on the monotonic clock. Nothing can die while holding a unit
 * without the log dying with it, so running entries have no lease and no timer ever runs here: units
 * come back by the clock moving on, checked at each admission.
 */
export class MemoryStore implements QuotaStore {
  constructor(
    readonly log: SlidingLog,
    private readonly limits: readonly number[],
  ) {}

  async admit(id: string): Promise<Admission> {
    return this.log.admit(monotonicUs(), id, this.limits);
  }

  finish(id: string): void {
    this.log.finish(monotonicUs(), id);
  }

  refund(id: string): void {
    this.log.refund(id);
  }

  pause(ms: number): void {
    this.log.pause(monotonicUs(), ms * 1000);
  }

  unavailableSince(): undefined {
    return undefined;
  }

  describe(): string {
    return 'this process';
  }

  async close(): Promise<void> {}
}
