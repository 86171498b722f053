/**
 * What a request's key set says, remembered per key order. A client sends the same few request
 * shapes over and over (the same object literal gives the same `Object.keys` order every time), and
 * sorting a dozen keys with the default comparator costs more than an MD5 of the whole request, so
 * the sorted order, the prefix runs AOP needs and the key checks are computed once per shape and
 * found again by comparing key arrays.
 */
import { keyProblem } from './value-rules.js';

/** The sorted order of a key set and what follows from it. */
export interface Shape {
  /** The keys, in `Object.keys` order; `order`, `runs` and the indexes below refer to them. */
  readonly keys: readonly string[];
  /** Indexes into `keys`, smallest key first by UTF-16 code unit (the order of `Array.prototype.sort`). */
  readonly order: readonly number[];
  /**
   * Where AOP's key+value order may differ from the key order: pairs `start, end` of positions in
   * `order`, each a run of keys that all start with the run's first key (`page`, `pageSize`). Empty
   * when no key is a prefix of another, the common case: then the key order is the AOP order.
   */
  readonly runs: readonly number[];
  /** No key is empty, `__proto__` or holds a lone surrogate (normalize.ts `keyProblem`). */
  readonly keysOk: boolean;
  /** Index in `keys` of `sign` (TOP's signature, never signed), or -1. */
  readonly topSignature: number;
  /** Index in `keys` of `_aop_signature` (AOP's signature, never signed), or -1. */
  readonly aopSignature: number;
}

// Bounded so that a caller who builds ever-new key sets costs a fixed amount of memory: a few
// shapes cover a client's API calls, and a request with very many keys is sorted every time.
const MAX_SHAPES = 16;
const MAX_CACHED_KEYS = 64;
const shapes: Shape[] = [];
let nextSlot = 0;
// Calls come in runs of one shape (a crawl, a batch of item lookups): try the last one first.
let lastShape: Shape | undefined;

/** The shape of `keys` (the caller must not mutate `keys` afterwards: it may be kept). */
export function shapeOf(keys: readonly string[]): Shape {
  if (lastShape !== undefined && sameKeys(lastShape.keys, keys)) return lastShape;
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i] as Shape;
    if (sameKeys(shape.keys, keys)) return (lastShape = shape);
  }
  const shape = computeShape(keys);
  if (keys.length <= MAX_CACHED_KEYS) {
    shapes[nextSlot] = shape;
    nextSlot = (nextSlot + 1) % MAX_SHAPES;
  }
  return (lastShape = shape);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeShape(keys: readonly string[]): Shape {
  const order = sortedIndexes(keys);
  return {
    keys,
    order,
    runs: prefixRuns(keys, order),
    keysOk: keys.every((key) => keyProblem(key) === undefined),
    topSignature: keys.indexOf('sign'),
    aopSignature: keys.indexOf('_aop_signature'),
  };
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

/**
 * The keys that start with a given key follow it directly in sorted order, so each run is found in
 * one pass. Two keys in different runs are not prefixes of each other: they differ at a position
 * inside both, and so do the key+value strings that start with them, whatever the values.
 */
function prefixRuns(keys: readonly string[], order: readonly number[]): number[] {
  const runs: number[] = [];
  for (let start = 0; start < order.length;) {
    const root = keys[order[start] as number] as string;
    let end = start + 1;
    while (end < order.length && (keys[order[end] as number] as string).startsWith(root)) end++;
    if (end - start > 1) runs.push(start, end);
    start = end;
  }
  return runs;
}
