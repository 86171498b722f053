/**
 * The sorted order of a request's keys, remembered per key order. A client sends the same few
 * request shapes over and over (the same object literal gives the same `Object.keys` order every
 * time), and sorting a dozen keys with the default comparator costs more than an MD5 of the whole
 * request, so the permutation is computed once per shape and found again by comparing key arrays.
 */

/** A permutation of key indexes in UTF-16 code unit order (the order of `Array.prototype.sort`). */
export interface KeyOrder {
  /** Indexes into the key array, smallest key first. */
  readonly order: readonly number[];
  /**
   * No key is a prefix of another. Then sorting key+value strings (AOP) gives the same order as
   * sorting the keys (TOP), whatever the values: two keys that are not prefixes of each other differ
   * at a position inside both, and so do the key+value strings that start with them.
   */
  readonly prefixFree: boolean;
}

interface Shape extends KeyOrder {
  readonly keys: readonly string[];
}

// Bounded so that a caller who builds ever-new key sets costs a fixed amount of memory: a few
// shapes cover a client's API calls, and a request with very many keys is sorted every time.
const MAX_SHAPES = 16;
const MAX_CACHED_KEYS = 64;
const shapes: Shape[] = [];
let nextSlot = 0;

/** The sorted order of `keys` (the caller must not mutate `keys` afterwards: it may be kept). */
export function keyOrder(keys: readonly string[]): KeyOrder {
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i] as Shape;
    if (sameKeys(shape.keys, keys)) return shape;
  }
  const order = sortedIndexes(keys);
  const shape: Shape = { keys, order, prefixFree: isPrefixFree(keys, order) };
  if (keys.length <= MAX_CACHED_KEYS) {
    shapes[nextSlot] = shape;
    nextSlot = (nextSlot + 1) % MAX_SHAPES;
  }
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Insertion sort with `<`, which compares strings by UTF-16 code units like the default sort. */
function sortedIndexes(keys: readonly string[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[order[j] as number] as string) > key) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

// In sorted order a key that is a prefix of others is immediately followed by one of them.
function isPrefixFree(keys: readonly string[], order: readonly number[]): boolean {
  for (let i = 1; i < order.length; i++) {
    const previous = keys[order[i - 1] as number] as string;
    if ((keys[order[i] as number] as string).startsWith(previous)) return false;
  }
  return true;
}
