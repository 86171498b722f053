/**
 * Concurrent identical calls share one in-flight promise, so that a burst of requests for the same
 * offer costs one gateway call (and one unit of the rate limit) instead of one each. The key is
 * released when the call settles: a failure reaches every waiter and is never remembered, so the
 * next call tries again.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The in-flight call for `key`, or a new one started with `load`. */
  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending as Promise<T>;
    // Promise.resolve().then runs `load` even when it throws synchronously, as a rejection.
    const call = Promise.resolve()
      .then(load)
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  /** Calls in flight now. */
  get size(): number {
    return this.inFlight.size;
  }
}

const defaultGroup = new SingleFlight();

/** `group.run(key, load)`, by default in one process-wide group. */
export function singleFlight<T>(key: string, load: () => Promise<T>, group: SingleFlight = defaultGroup): Promise<T> {
  return group.run(key, load);
}
