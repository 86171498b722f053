/**
 * The request log: one entry per request, in arrival order, so that tests and benchmarks can count
 * exactly what a client did (e.g. how many requests fell in any sliding window). It holds names and
 * outcomes only: never a parameter value, so never a secret, token or signature. Request headers
 * are kept (a client's `traceparent`, its own headers), with the value of any header that may carry
 * a credential replaced.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The gateway a request was addressed to, by its path. */
export type SandboxDialect = 'top' | 'aop' | 'onebound' | 'unknown';
/** How the sandbox answered a request. */
export type SandboxOutcome = 'ok' | 'rate-limited' | 'error' | 'fault';

/** One request as the sandbox saw it: arrival time, app key, dialect, API and outcome; never a parameter value. */
export interface SandboxLogEntry {
  seq: number;
  /** High-resolution arrival: performance.timeOrigin + performance.now(), in ms. */
  arrivalMs: number;
  /** The time the limits used: the injected clock when one is given, else `arrivalMs`. */
  clockMs: number;
  appKey?: string;
  dialect: SandboxDialect;
  api?: string;
  outcome: SandboxOutcome;
  /** The dialect's error code (TOP code, AOP error_code, OneBound error_code) when not ok. */
  code?: string;
  /** HTTP status sent; 0 when no response was sent (reset, hang). */
  status: number;
  fault?: string;
  /** The request's headers, names lower case; a credential-like header's value is `[redacted]`. */
  headers?: Record<string, string>;
}

/** Headers whose value may be a credential: kept by name only. */
const SENSITIVE_HEADER = /authorization|cookie|secret|token|session|sign|passw|api-?key/i;

/** The headers as the log keeps them: repeated ones joined with `, `, credential-like values redacted. */
export function loggedHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name] = SENSITIVE_HEADER.test(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Entries in arrival order (by `seq`), added when the answer has been sent. */
export class RequestLog {
  readonly entries: SandboxLogEntry[] = [];
  private nextSeq = 1;

  /** `limit`: the most entries kept; the oldest go first (for long benchmarks). */
  constructor(private readonly limit = Infinity) {
    if (!(limit >= 1)) throw new RangeError(`logLimit must be at least 1, got ${limit}`);
  }

  /** Reserves the sequence number at arrival, so that seq follows arrival even when answers interleave. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Keeps the entries in arrival (seq) order although answers may finish out of order. */
  add(entry: SandboxLogEntry): void {
    const entries = this.entries;
    let at = entries.length;
    while (at > 0 && entries[at - 1]!.seq > entry.seq) at--;
    if (at === entries.length) entries.push(entry);
    else entries.splice(at, 0, entry);
    // Drop in batches of a tenth, so that a full log does not shift the array on every request.
    if (entries.length > this.limit)
      entries.splice(0, Math.max(entries.length - this.limit, Math.ceil(this.limit / 10)));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
