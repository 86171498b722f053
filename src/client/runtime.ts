/**
 * What every call of one client shares: the dialect, the transport, the scheduler, the clock, the
 * events and the redactor. The client builds it once; the call loop, the attempt and the recoveries
 * read it and never see the options or the credentials themselves (the dialect signs).
 */
import type { Clock } from '../clock.js';
import type { DialectAdapter } from '../dialects/types.js';
import type { Dialect } from '../errors.js';
import type { Recorder } from '../record/recorder.js';
import type { CallScheduler } from '../limiter/scheduler.js';
import type { Redactor } from '../transport/redact.js';
import type { RetryPolicy } from '../transport/retry.js';
import type { Transport } from '../transport/transport.js';
import type { Events } from './events.js';
import type { UrlRotation } from './failover.js';
import type { Lifecycle } from './lifecycle.js';
import type { TokenManager } from './tokens.js';

export interface CallRuntime {
  readonly dialect: Dialect;
  /** For the errors of a call that the client's closing stopped before it was sent. */
  readonly appKey: string;
  readonly adapter: DialectAdapter;
  readonly transport: Transport;
  readonly scheduler: CallScheduler;
  readonly clock: Clock;
  readonly events: Events;
  readonly redactor: Redactor;
  /** AOP only: the access token source. */
  readonly tokens: TokenManager | undefined;
  readonly urls: UrlRotation;
  /** Open or closing: no attempt starts once `close()` began. */
  readonly lifecycle: Lifecycle;
  /** The `recorder` option: each answer, redacted, as a fixture. */
  readonly recorder: Recorder | undefined;
  /** The client's defaults, which a call's own options override. */
  readonly defaults: {
    timeoutMs: number;
    deadlineMs: number;
    queueTimeoutMs: number | undefined;
    retry: RetryPolicy;
    maxBodyBytes: number;
  };
}
