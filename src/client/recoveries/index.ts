/**
 * The recoveries of a failed attempt, in the order they are asked. A new way of recovering is a new
 * small function in this list, never a new flag in the loop.
 */
import { correctClockOnce } from './correct-clock.js';
import type { Recovery } from './decision.js';
import { pauseWhenRateLimited } from './pause-when-rate-limited.js';
import { refreshTokenOnce } from './refresh-token.js';
import { retryOrFailover } from './retry-or-failover.js';
import { stopWhenAborted } from './stop-when-aborted.js';
import { stopWhenClosing } from './stop-when-closing.js';

export const RECOVERIES: readonly Recovery[] = [
  stopWhenAborted,
  stopWhenClosing,
  refreshTokenOnce,
  correctClockOnce,
  pauseWhenRateLimited,
  retryOrFailover,
];

export type { Decision, Recovery } from './decision.js';
export { asOpenApiError } from './as-error.js';
