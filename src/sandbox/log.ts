/**
 * The request log: one entry per request, in arrival order, so that tests and benchmarks can count
 * exactly what a client did (e.g. how many requests fell in any sliding window). It holds names and
 * outcomes only: never a parameter value, so never a secret, token or signature.
 */

export type SandboxDialect = 'top' | 'aop' | 'onebound' | 'unknown';
export type SandboxOutcome = 'ok' | 'rate-limited' | 'error' | 'fault';

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
}

export class RequestLog {
  readonly entries: SandboxLogEntry[] = [];
  private nextSeq = 1;

  /** Reserves the sequence number at arrival, so that seq follows arrival even when answers interleave. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  add(entry: SandboxLogEntry): void {
    this.entries.push(entry);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
