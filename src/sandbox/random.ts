/**
 * Seeded, stateless randomness: every random choice of the sandbox is a hash of (seed, inputs), so
 * that a run is reproducible and a catalogue item can be generated on its own, without its neighbours.
 */

/** A 32-bit integer hash of the seed and the given integers (murmur3-style finaliser). */
export function hash32(seed: number, ...values: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    // Also mix the high bits of values above 2^32 (catalogue indices, seeds).
    h = Math.imul(h ^ Math.floor(value / 0x100000000), 0x27d4eb2f) >>> 0;
  }
  return h;
}

/** A float in [0, 1) from the same inputs. */
export function unit(seed: number, ...values: number[]): number {
  return hash32(seed, ...values) / 0x100000000;
}

/** A 32-bit hash of a string (FNV-1a), to turn names into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A sequential generator (mulberry32) for decisions taken in request order, such as fault probabilities. */
export function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
}
