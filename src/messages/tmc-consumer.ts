/**
 * The TMC consumer: an async iterable of typed messages, each confirmed only when the loop says so.
 *
 *   for await (const message of consumer) { await handle(message); await message.confirm(); }
 *
 * Delivery is at-least-once, as TMC's: the server redelivers what was not confirmed, so a message whose
 * handler failed is simply not confirmed. Sessions are kept up by a reconnect loop (exponential backoff
 * with full jitter); a confirm asked for while the connection is down waits for the next session, as
 * the Java SDK's confirm worker retries on the reconnected client. With a `dedupe` store, a redelivered
 * message that was already handled is confirmed again without being yielded.
 */
import { AbortError, NetworkError, type OpenApiError, AuthenticationError } from '../errors.js';
import { backoffMs } from '../transport/retry.js';
import type { TmcFrame } from './tmc-codec.js';
import { TmcConnection } from './tmc-connection.js';
import { readTmcMessage, type TmcMessage } from './tmc-message.js';
import { type ResolvedTmcOptions, resolveTmcOptions, type TmcConsumerOptions } from './tmc-options.js';
import { confirmFrame, kindOf, MESSAGE_KIND, pullFrame } from './tmc-protocol.js';

/** A message from the consumer: confirm it once it has been handled. */
export interface ReceivedTmcMessage<T = unknown> extends TmcMessage<T> {
  /**
   * Tells TMC the message was handled (and marks it done in the dedupe store). Resolves once the
   * confirm has been sent, on the current connection or the next one; rejects if the consumer closes first.
   */
  confirm(): Promise<void>;
  /**
   * The handler failed: drops this message's claim in the dedupe store, so that TMC's redelivery is
   * handled again rather than skipped as "being handled" until the claim lapses. Does not confirm.
   */
  release(): Promise<void>;
}

// A session that lasted this long resets the backoff: one that drops at once keeps backing off.
const STABLE_SESSION_MS = 10_000;

export class TmcConsumer<T = unknown> implements AsyncIterable<ReceivedTmcMessage<T>> {
  private readonly options: ResolvedTmcOptions;
  private readonly queue: Array<ReceivedTmcMessage<T>> = [];
  private readonly queuedIds = new Set<string>();
  private readonly waiters: Array<() => void> = [];
  /** Confirms waiting for a connection, by message id. */
  private readonly unsent = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  private connection: TmcConnection | undefined;
  private loop: Promise<void> | undefined;
  private iterating = false;
  private closed = false;
  private fatal: OpenApiError | undefined;
  private wake: (() => void) | undefined;

  constructor(options: TmcConsumerOptions) {
    this.options = resolveTmcOptions(options);
    const signal = this.options.signal;
    if (signal?.aborted) this.closed = true;
    else signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  /** True while a session is established. */
  get connected(): boolean {
    return this.connection?.isOpen === true;
  }

  /** Starts the consumer (the first call connects); a consumer is iterated once. */
  [Symbol.asyncIterator](): AsyncIterator<ReceivedTmcMessage<T>> {
    if (this.iterating) throw new Error('a TmcConsumer can be iterated once; create another for a second loop');
    this.iterating = true;
    this.loop ??= this.maintain();
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** Stops the consumer: closes the session, ends the loop; unsent confirms reject. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wake?.();
      for (const wake of this.waiters.splice(0)) wake();
    }
    await this.connection?.close();
    await this.loop;
    for (const [id, pending] of this.unsent) {
      pending.reject(new AbortError({ message: `the consumer closed before the confirm of message ${id} was sent` }));
    }
    this.unsent.clear();
  }

  private async next(): Promise<IteratorResult<ReceivedTmcMessage<T>>> {
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        this.queuedIds.delete(message.id);
        return { done: false, value: message };
      }
      if (this.fatal) {
        const error = this.fatal;
        this.fatal = undefined;
        this.closed = true;
        throw error;
      }
      if (this.closed) return { done: true, value: undefined };
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Keeps a session up until close(): connect, serve, back off, again. */
  private async maintain(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      let error: Error;
      const startedAt = Date.now();
      try {
        const ended = await this.session();
        if (Date.now() - startedAt >= STABLE_SESSION_MS) failures = 0;
        if (this.closed) return;
        error = ended;
      } catch (thrown) {
        if (this.closed) return;
        if (thrown instanceof AuthenticationError) return this.fail(thrown);
        error = thrown as Error;
      }
      failures++;
      if (failures >= this.options.maxAttempts) {
        const message = `TMC unreachable after ${failures} attempts in a row`;
        return this.fail(new NetworkError({ message, cause: error }));
      }
      const policy = { retries: 0, minDelayMs: this.options.minDelayMs, maxDelayMs: this.options.maxDelayMs };
      const delayMs = backoffMs(policy, failures);
      this.options.onEvent({ type: 'reconnecting', attempt: failures, delayMs, error });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private fail(error: OpenApiError): void {
    this.fatal = error;
    this.notify();
  }

  /** One session: resolves with the reason it ended; rejects when it could not be established. */
  private async session(): Promise<Error> {
    let ended: (error: Error) => void = () => undefined;
    const done = new Promise<Error>((resolve) => (ended = resolve));
    const connection = await TmcConnection.open({
      ...this.options,
      onFrame: (frame) => this.onFrame(frame),
      onBadFrame: (error) => this.options.onEvent({ type: 'dropped', id: undefined, reason: error.message }),
      onClose: ({ code, reason, error }) => {
        this.options.onEvent({ type: 'disconnected', code, reason, error });
        ended(
          error ?? new NetworkError({ message: `the TMC connection closed (${code}${reason ? ` ${reason}` : ''})` }),
        );
      },
    });
    if (this.closed) {
      await connection.close();
      return new AbortError({ message: 'closed' });
    }
    this.connection = connection;
    this.options.onEvent({ type: 'connected' });
    for (const id of [...this.unsent.keys()]) this.sendConfirm(id);
    const pull = () => {
      // A full buffer asks for nothing more: what is not pulled stays queued on the server.
      if (this.queue.length < this.options.maxBuffered / 2)
        connection.send(pullFrame(connection.token)).catch(() => undefined);
    };
    pull();
    const timer = setInterval(pull, this.options.pullIntervalMs);
    timer.unref();
    try {
      return await done;
    } finally {
      clearInterval(timer);
      if (this.connection === connection) this.connection = undefined;
    }
  }

  private onFrame(frame: TmcFrame): void {
    if (kindOf(frame) !== MESSAGE_KIND.Data) return;
    const read = readTmcMessage(frame);
    if (typeof read === 'string') return this.options.onEvent({ type: 'dropped', id: undefined, reason: read });
    // A redelivery of a message still waiting in the buffer adds nothing.
    if (this.queuedIds.has(read.id)) return;
    const dedupe = this.options.dedupe;
    if (!dedupe) return this.enqueue(read);
    dedupe.begin(read.id).then(
      (state) => {
        if (state === 'new') return this.enqueue(read);
        this.options.onEvent({ type: 'duplicate', id: read.id, state });
        // Handled before (its confirm was lost): confirm again. Being handled elsewhere: leave it.
        if (state === 'done' && !this.unsent.has(read.id)) {
          this.unsent.set(read.id, { resolve: () => undefined, reject: () => undefined });
          this.sendConfirm(read.id);
        }
      },
      (error: Error) => this.options.onEvent({ type: 'dropped', id: read.id, reason: `dedupe: ${error.message}` }),
    );
  }

  private enqueue(read: TmcMessage): void {
    if (this.closed || this.queue.length >= this.options.maxBuffered || this.queuedIds.has(read.id)) {
      this.options.dedupe?.abandon(read.id).catch(() => undefined);
      this.options.onEvent({ type: 'dropped', id: read.id, reason: 'buffer full' });
      return;
    }
    let confirmed: Promise<void> | undefined;
    const message: ReceivedTmcMessage<T> = {
      ...(read as TmcMessage<T>),
      confirm: () => (confirmed ??= this.confirm(read.id)),
      release: async () => {
        if (!confirmed) await this.options.dedupe?.abandon(read.id);
      },
    };
    this.queue.push(message);
    this.queuedIds.add(read.id);
    this.notify();
  }

  private async confirm(id: string): Promise<void> {
    if (this.closed && !this.connection)
      throw new AbortError({ message: `the consumer is closed: message ${id} was not confirmed` });
    await this.options.dedupe?.complete(id);
    await new Promise<void>((resolve, reject) => {
      this.unsent.set(id, { resolve, reject });
      this.sendConfirm(id);
    });
  }

  /**
   * Sends a confirm listed in `unsent` now if a session is up; otherwise it stays there for the next
   * session (frames that arrive with the CONNECTACK are read before the session is current).
   */
  private sendConfirm(id: string): void {
    const connection = this.connection;
    if (!connection?.isOpen) return;
    connection.send(confirmFrame(connection.token, id)).then(
      () => {
        this.unsent.get(id)?.resolve();
        this.unsent.delete(id);
      },
      () => undefined, // stays unsent: the next session sends it
    );
  }
}
