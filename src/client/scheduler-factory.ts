/**
 * The one place where the client gets its scheduler: the Bottleneck limiter of src/limiter with the
 * client's limits (defaults qps 10, perMinute 100), or none with `limits: false`. Gateway rate-limit
 * pauses are reported by the client itself; the limiter reports what only it sees (a full queue).
 */
import { createScheduler } from '../limiter/index.js';
import type { CallScheduler } from '../limiter/scheduler.js';
import type { LimitsOptions } from '../limiter/options.js';
import type { Events } from './events.js';

export interface SchedulerContext {
  appKey: string;
  limits: LimitsOptions | undefined;
  events: Events;
}

export function createClientScheduler({ appKey, limits, events }: SchedulerContext): CallScheduler {
  return createScheduler({
    appKey,
    limits: limits ?? {},
    logger: events.logger,
    onRateLimited: (event) => events.emit('onRateLimited', { ...event }),
  });
}
