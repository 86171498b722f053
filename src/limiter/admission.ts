/**
 * Which waiting call asks the quota for a unit next, and when: one loop per scheduler. It picks the
 * waiting call of highest priority (first come first within a priority), asks the store, and either
 * hands the unit over at once and goes on with the next call (no timer, no queue hop between two
 * admissions: a burst costs one store round trip per call), or sleeps as long as the store says no
 * unit can come back (a lower bound) and asks again. A call that leaves while it waits (aborted,
 * `maxWaitMs` over, closed) is dropped at once; one that leaves while the store is admitting it gives
 * the unit straight back (`refund`), so it never costs the quota anything.
 *
 * Bottleneck's own queue stops short of this: its jobs start on timers (several event-loop turns
 * per job, milliseconds each on a busy host), and it cannot say "wait until the store allows".
 */
import { longTimeout, type PauseGate } from './pause.js';
import type { QuotaStore } from './quota-store.js';

interface Waiter {
  priority: number;
  id: string;
  gone: () => boolean;
  resolve: (admitted: boolean) => void;
}

export interface AdmissionHooks {
  store: QuotaStore;
  /** The pause known to this process: no need to ask the store before it ends. */
  pause: PauseGate;
  /** The store answered "paused" (a gateway pause or a quarantine) for `ms`. */
  learnPause(ms: number): void;
  /** The store did not answer. */
  storeFailed(error: unknown): void;
}

/** How soon the store is asked again after it failed to answer. */
const STORE_RETRY_MS = 100;

export class AdmissionPump {
  private readonly waiting = new Map<string, Waiter>();
  private looping = false;
  private closed = false;
  private sleeper: { cancel: () => void; resolve: () => void } | undefined;

  constructor(private readonly hooks: AdmissionHooks) {}

  /** Resolves true once call `id` holds a unit, false when it went away first (`gone()` or cancelled). */
  admit(id: string, priority: number, gone: () => boolean): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiting.set(id, { id, priority, gone, resolve });
      if (!this.looping) void this.loop();
    });
  }

  /** Call `id` no longer waits. */
  cancel(id: string): void {
    const waiter = this.waiting.get(id);
    if (waiter === undefined) return;
    this.waiting.delete(id);
    waiter.resolve(false);
  }

  /** The first waiting call of the highest priority (a Map iterates in insertion order). */
  private next(): Waiter | undefined {
    let best: Waiter | undefined;
    for (const waiter of this.waiting.values()) {
      if (waiter.gone()) this.cancel(waiter.id);
      else if (best === undefined || waiter.priority < best.priority) best = waiter;
    }
    return best;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    const { store, pause } = this.hooks;
    try {
      for (let waiter = this.next(); waiter !== undefined && !this.closed; waiter = this.next()) {
        let waitMs = pause.remainingMs();
        if (waitMs === 0) {
          try {
            const admission = await store.admit(waiter.id);
            if (admission.admitted) {
              this.waiting.delete(waiter.id);
              if (waiter.gone() || this.closed) {
                store.refund(waiter.id);
                waiter.resolve(false);
              } else waiter.resolve(true);
              continue;
            }
            if (admission.paused) this.hooks.learnPause(admission.waitMs);
            waitMs = admission.waitMs;
          } catch (error) {
            this.hooks.storeFailed(error);
            waitMs = STORE_RETRY_MS;
          }
        }
        await new Promise<void>((resolve) => {
          this.sleeper = { cancel: longTimeout(waitMs, resolve), resolve };
        });
        this.sleeper = undefined;
      }
    } finally {
      this.looping = false;
    }
  }

  /** Every waiting call goes away; the loop ends. */
  close(): void {
    this.closed = true;
    this.sleeper?.cancel();
    this.sleeper?.resolve();
    for (const id of [...this.waiting.keys()]) this.cancel(id);
  }
}
