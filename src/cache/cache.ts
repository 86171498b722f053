/**
 * What the client needs from a response cache: strings in, strings out, each with its own time to
 * live. Values are the gateways' response bodies, so any store that keeps strings will do.
 */
export interface Cache {
  /** The value stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Removes `key`; no error when it is absent. */
  delete(key: string): Promise<void>;
  /** Releases what the cache opened itself (connections, timers). */
  close?(): Promise<void>;
}

/** A time to live must be a positive number of milliseconds; anything else is a caller's bug. */
export function isValidTtl(ttlMs: unknown): ttlMs is number {
  return typeof ttlMs === 'number' && Number.isFinite(ttlMs) && ttlMs > 0;
}
