/** The caller aborted: nothing is repeated, whatever the failure looked like. */
import { AbortError } from '../../errors.js';
import type { Recovery } from './decision.js';

export const stopWhenAborted: Recovery = (error, state) =>
  error instanceof AbortError || state.signal?.aborted ? { kind: 'fail', error } : undefined;
