/**
 * A timestamp the gateway refused while our clock is more than a minute off its `Date` header:
 * correct the client's clock from that header and repeat the call, once.
 */
import { offsetFromDateHeader } from '../../clock.js';
import { TimestampError } from '../../errors.js';
import { firstTime } from '../call-state.js';
import type { Recovery } from './decision.js';

/** A clock more than this far from the gateway's makes a `TimestampError` worth one corrected retry. */
const CLOCK_SKEW_MS = 60_000;

export const correctClockOnce: Recovery = (error, state, runtime) => {
  const response = state.lastResponse;
  if (!(error instanceof TimestampError) || response === undefined) return undefined;
  const offset = offsetFromDateHeader(response.headers.date, response.sentAtMs, response.receivedAtMs);
  if (offset === undefined || Math.abs(offset - runtime.clock.getOffsetMs()) <= CLOCK_SKEW_MS) return undefined;
  if (!firstTime(state, 'correct-clock')) return undefined;
  runtime.clock.setOffsetMs(offset);
  runtime.events.log('warn', { offsetMs: offset }, 'open1688: the gateway clock differs from ours; offset corrected');
  return { kind: 'again' };
};
