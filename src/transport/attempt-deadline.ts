/**
 * The deadline and abort of one attempt, shared by the transports: a total time from connection to
 * last byte (an AbortController timer, not a socket-inactivity timeout) and the caller's signal, both
 * ending the work through one AbortSignal. A failure becomes a `TransportError`: 'timeout' when the
 * timer fired, 'aborted' when the caller's signal did, otherwise what `describe` makes of it.
 */
import { TransportError, type TransportSendOptions } from './transport.js';

export async function withAttemptDeadline<T>(
  options: TransportSendOptions,
  work: (signal: AbortSignal) => Promise<T>,
  describe: (error: unknown) => TransportError,
): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) throw new TransportError('aborted', 'aborted by the caller', 'ABORT_ERR');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(controller.signal);
  } catch (error) {
    if (timedOut) throw new TransportError('timeout', `no complete answer within ${options.timeoutMs} ms`, 'ETIMEDOUT');
    if (signal?.aborted) throw new TransportError('aborted', 'aborted by the caller', 'ABORT_ERR');
    throw describe(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
