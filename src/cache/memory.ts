/**
 * An in-process LRU cache bounded by entry count and by size, with a time to live per entry.
 * A `Map` keeps insertion order, so re-inserting an entry on every hit makes its first key the
 * least recently used one. Expired entries are dropped when they are read or reach the LRU end.
 */
import { invalidRequest } from '../errors.js';
import { type Cache, isValidTtl } from './cache.js';
import { describeValue } from '../text/quote.js';

/** Bounds of a `MemoryCache`. */
export interface MemoryCacheOptions {
  /** At most this many entries (default 1000). */
  maxEntries?: number;
  /** At most this many bytes of keys and values, counted as UTF-8 (default 64 MiB). */
  maxBytes?: number;
  /** The clock, in ms since the epoch; tests pass their own. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
  bytes: number;
}

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private totalBytes = 0;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = positiveLimit(options.maxEntries ?? 1000, 'maxEntries');
    this.maxBytes = positiveLimit(options.maxBytes ?? 64 * 1024 * 1024, 'maxBytes');
    this.now = options.now ?? Date.now;
  }

  /** Entries held now (expired ones included until they are read or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held now, as counted against `maxBytes`. */
  get bytes(): number {
    return this.totalBytes;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.remove(key, entry);
      return undefined;
    }
    // Most recently used goes last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!isValidTtl(ttlMs))
      throw invalidRequest(`cache ttlMs must be a positive number of ms, got ${describeValue(ttlMs)}`);
    const previous = this.entries.get(key);
    if (previous !== undefined) this.remove(key, previous);
    const bytes = Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    // A value larger than the whole cache would evict everything and still not fit.
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  /** Removes `key`; no error when it is absent. */
  async delete(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry !== undefined) this.remove(key, entry);
  }

  /** Removes every entry. */
  async clear(): Promise<void> {
    this.entries.clear();
    this.totalBytes = 0;
  }

  async close(): Promise<void> {
    await this.clear();
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
      this.remove(key, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}

function positiveLimit(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalidRequest(`MemoryCache ${name} must be a whole number of at least 1, got ${describeValue(value)}`);
  }
  return value;
}
