/**
 * The one place where the client gets its scheduler. Until the Bottleneck limiter is merged every
 * client runs unlimited; the merge replaces the body of this function with `createScheduler(...)`.
 */
import { UnlimitedScheduler, type CallScheduler } from '../limiter/scheduler.js';
import type { LimitsOptions } from '../options.js';

export interface SchedulerContext {
  appKey: string;
  dialect: string;
  limits: LimitsOptions | undefined;
}

export function createClientScheduler(_context: SchedulerContext): CallScheduler {
  return new UnlimitedScheduler();
}
