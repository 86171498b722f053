/** A MemoryCache that records every key written, for tests that count entries or read keys. */
import { MemoryCache, type Cache } from '../../src/index';

export function recordingStore(): Cache & { keys: string[]; inner: MemoryCache } {
  const inner = new MemoryCache();
  const keys: string[] = [];
  return {
    keys,
    inner,
    get: (key) => inner.get(key),
    set: async (key, value, ttl) => {
      keys.push(key);
      await inner.set(key, value, ttl);
    },
    delete: (key) => inner.delete(key),
  };
}
