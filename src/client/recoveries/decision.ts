/**
 * What a recovery decides about a failed attempt. Each recovery is a small function from the error
 * and the call's state to a decision, or to `undefined` when the failure is not its business; the
 * call loop asks them in order and the first decision wins.
 */
import type { OpenApiError } from '../../errors.js';
import type { CallState } from '../call-state.js';
import type { CallRuntime } from '../runtime.js';

export type Decision =
  /** Repeat at once; not a retry (the failure was ours to fix: a stale token, a skewed clock). */
  | { kind: 'again' }
  /**
   * A retry on the URL at `urlIndex`. The loop sleeps `sleepMs`; `waitMs` is all the call waits
   * before it (a rate-limit pause is waited inside the scheduler, not by sleeping).
   */
  | { kind: 'retry'; sleepMs: number; waitMs: number; urlIndex: number }
  | { kind: 'fail'; error: OpenApiError };

export type Recovery = (
  error: OpenApiError,
  state: CallState,
  runtime: CallRuntime,
) => Decision | undefined | Promise<Decision | undefined>;
