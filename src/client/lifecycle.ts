/**
 * A client's life: open, then closing. Once `close()` begins no attempt starts: the call loop and
 * each attempt look at `closing` before they send, and the wait before a retry ends on `signal`.
 * A call already on the wire finishes with what its attempt got, and `drain()` resolves only when
 * no call is left, so that `close()` returns with nothing in flight.
 */
export class Lifecycle {
  private readonly controller = new AbortController();
  private readonly calls = new Set<Promise<unknown>>();

  /** True from the moment `close()` began. */
  get closing(): boolean {
    return this.controller.signal.aborted;
  }

  /** Aborted when `close()` begins: ends the waits between attempts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Remembers a call until it settles (its rejection stays the caller's to handle). */
  track<T>(call: Promise<T>): Promise<T> {
    this.calls.add(call);
    const forget = (): void => {
      this.calls.delete(call);
    };
    call.then(forget, forget);
    return call;
  }

  /** From now on no attempt starts. */
  beginClose(): void {
    this.controller.abort();
  }

  /** Resolves when every call has settled. */
  async drain(): Promise<void> {
    while (this.calls.size > 0) await Promise.allSettled([...this.calls]);
  }
}
