/** The public shapes of the sandbox: its options and the running instance `startSandbox` returns. */
import type { SandboxAppOptions } from './apps.js';
import type { SandboxClockOptions } from './clock.js';
import type { FaultSpec } from './faults.js';
import type { LimitSettings } from './limits.js';
import type { SandboxLogEntry } from './log.js';
import type { PushAopInput, PushAopResult } from './push-sender.js';
import type { SandboxStats } from './stats.js';
import type { PublishMessageInput, TmcMessageStatus } from './tmc-store.js';
import type { SandboxFixtures } from './user-fixtures.js';

/** The options of `startSandbox`: apps, limits, seed, faults, clock, extra shops and port. */
export interface SandboxOptions {
  /** Registered apps; default: one app with SANDBOX_DEFAULTS. */
  apps?: SandboxAppOptions[];
  /** Limits per app key (defaults qps 10, perMinute 100, windows 1 s and 60 s); `false` for none. */
  limits?: Partial<LimitSettings> | false;
  /** Drives everything random (catalogue, request ids, tokens, fault probabilities). Default 1688. */
  seed?: number;
  faults?: FaultSpec[];
  clock?: SandboxClockOptions;
  /** Lifetime of access tokens issued by system.oauth2/getToken (default 10 h). */
  tokenTtlMs?: number;
  /** Recorded answers (`dir`), your own items, shops and handlers, served beside the seed data. */
  fixtures?: SandboxFixtures;
  /** Extra generated shops (items are generated per page, never held). */
  shops?: Array<{ sellerNick: string; size: number }>;
  /** Default 0: a free port. */
  port?: number;
  /** The most log entries kept (oldest dropped first); default: all. For long benchmarks. */
  logLimit?: number;
  /** The TMC endpoint: a delivered message not confirmed within `redeliveryMs` goes out again (default 30 000). */
  tmc?: { redeliveryMs?: number };
}

/** A running sandbox gateway: its URLs, request log, stats, faults, OAuth and clock controls. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /**
   * Gateway bases: TOP router, AOP (append `param2/1/<ns>/<api>/<appKey>`), OneBound (append `1688/<api>/`),
   * and the TMC WebSocket endpoint (`ws://127.0.0.1:<port>/tmc`).
   */
  readonly urls: { top: string; aop: string; onebound: string; tmc: string };
  readonly port: number;
  /** Every request so far, in arrival order. */
  readonly log: readonly SandboxLogEntry[];
  /** Counts and busiest sliding windows computed from the log so far. */
  stats(): SandboxStats;
  /** Clears the log, the limit windows, the OneBound call counters and all faults. */
  reset(): void;
  /** Stops the server, closes open connections and cancels pending latency timers. */
  close(): Promise<void>;
  /** Faults switched on by the test, never by anything a client sends. */
  readonly faults: {
    /** Arms a fault for the next matching requests. */
    inject(spec: FaultSpec): void;
    /** Disarms every fault. */
    clear(): void;
    /** The armed faults, with the count each has left. */
    list(): FaultSpec[];
  };
  /** The OAuth side of the AOP gateway. */
  readonly oauth: {
    /** A fresh authorization code for `system.oauth2/getToken` (default: the first registered app). */
    issueCode(appKey?: string): string;
  };
  /** Publishes a TMC message to an app (and group); returns its id. It goes out at once to a connected consumer. */
  publishMessage(input: PublishMessageInput): string;
  /** Where a published TMC message stands; undefined for an id the sandbox never published. */
  messageStatus(id: string): TmcMessageStatus | undefined;
  /** Signs and POSTs a 1688 push to `url` as the platform does, again after a non-200 answer. */
  pushAop(input: PushAopInput): Promise<PushAopResult>;
  /** The TMC endpoint's switches, for reliability tests. */
  readonly tmc: {
    /** Cuts every TMC connection at once (no close frame), as a network failure would. */
    disconnectAll(): void;
    /** While false, new TMC connections are refused with HTTP 503. */
    setAvailable(available: boolean): void;
    /** Connections that completed the TMC handshake. */
    connections(): number;
  };
  /** The gateway's clock, which timestamps are checked against and the `Date` header shows. */
  readonly clock: {
    /** The gateway's time in ms since the epoch, offset included. */
    now(): number;
    /** Puts the gateway this many ms ahead of (or behind) the wall clock. */
    setOffsetMs(offsetMs: number): void;
  };
}
