/**
 * Deduplication by message id, shared by the TMC consumer and the 1688 push handler. Both channels are
 * at-least-once: TMC redelivers what was not confirmed, 1688 re-posts what did not get a 200. An id
 * goes through two states so that a redelivery that arrives while the first copy is still being
 * handled is neither handled twice nor acknowledged before the first copy succeeded:
 *
 *   begin(id) → 'new' (claimed: handle it) | 'processing' (another copy is being handled) | 'done'
 *   complete(id) → 'done' for `ttlMs`;  abandon(id) → forgotten, so the next copy is handled again
 *
 * A 'processing' claim lapses after `processingMs`, so a crashed handler does not block an id forever.
 */
import { invalidRequest } from '../errors.js';

/** Where an id stands: new (now claimed), being handled, or handled. */
export type DedupeState = 'new' | 'processing' | 'done';

/** A store of message ids: in memory (`memoryDedupe`) or in Redis (`redisDedupe`). */
export interface Dedupe {
  /** Claims `id` when it is new; otherwise says whether it is being handled or was handled. */
  begin(id: string): Promise<DedupeState>;
  /** Marks `id` handled: later copies are 'done' for the store's TTL. */
  complete(id: string): Promise<void>;
  /** Drops a claim after a failure, so that the next copy is handled again. */
  abandon(id: string): Promise<void>;
  /** Releases what the store holds (a Redis connection it opened). */
  close(): Promise<void>;
}

/** How long a dedupe store remembers ids. */
export interface DedupeOptions {
  /** How long a handled id is remembered (default 24 h). Keep it at least as long as redeliveries go on. */
  ttlMs?: number;
  /** How long a claim holds while a copy is handled (default 5 min). */
  processingMs?: number;
}

/** How long a handled id is remembered unless told otherwise: 24 h. */
export const DEFAULT_DEDUPE_TTL_MS = 24 * 3600_000;
/** How long a claim holds unless told otherwise: 5 min. */
export const DEFAULT_PROCESSING_MS = 5 * 60_000;

/** Checked TTLs, shared by both stores. */
export function resolveDedupeTimes(options: DedupeOptions): { ttlMs: number; processingMs: number } {
  const ttlMs = options.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
  const processingMs = options.processingMs ?? DEFAULT_PROCESSING_MS;
  for (const [name, value] of [
    ['ttlMs', ttlMs],
    ['processingMs', processingMs],
  ] as const) {
    if (!Number.isFinite(value) || value < 1) throw invalidRequest(`dedupe ${name} must be a positive number of ms`);
  }
  return { ttlMs: Math.ceil(ttlMs), processingMs: Math.ceil(processingMs) };
}

/** The options of `memoryDedupe`. */
export interface MemoryDedupeOptions extends DedupeOptions {
  /** The most ids kept (oldest dropped first); default 100 000. */
  maxEntries?: number;
  /** The clock, for tests (default Date.now). */
  now?: () => number;
}

interface Entry {
  state: 'processing' | 'done';
  expiresAt: number;
}

/** Dedupe within one process. Ids live in insertion order, so the oldest expire and are evicted first. */
export function memoryDedupe(options: MemoryDedupeOptions = {}): Dedupe {
  const { ttlMs, processingMs } = resolveDedupeTimes(options);
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw invalidRequest('dedupe maxEntries must be a positive integer');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const set = (id: string, entry: Entry): void => {
    // Re-inserted, so that the Map's order stays the order of last change.
    entries.delete(id);
    entries.set(id, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    begin(id) {
      const at = now();
      const entry = entries.get(id);
      if (entry && entry.expiresAt > at) return Promise.resolve(entry.state);
      set(id, { state: 'processing', expiresAt: at + processingMs });
      return Promise.resolve('new');
    },
    complete(id) {
      set(id, { state: 'done', expiresAt: now() + ttlMs });
      return Promise.resolve();
    },
    abandon(id) {
      if (entries.get(id)?.state === 'processing') entries.delete(id);
      return Promise.resolve();
    },
    close() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
