/**
 * The client is closing: nothing is repeated or refreshed, and the call ends with its last
 * attempt's own error (what really happened to it), never with a "closed before sent" error.
 */
import type { Recovery } from './decision.js';

export const stopWhenClosing: Recovery = (error, _state, runtime) =>
  runtime.lifecycle.closing ? { kind: 'fail', error } : undefined;
