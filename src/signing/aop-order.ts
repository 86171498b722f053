/**
 * AOP signs the key+value strings sorted as strings. When a key is a prefix of another (`page`,
 * `pageSize`: common in 1688 APIs) the values take part in the order, but only inside the prefix
 * runs of key-order.ts: everywhere else the cached key order is already the key+value order. An
 * insertion sort inside each run fixes it in one or two moves. The comparison reads the two
 * strings in place instead of building them: building would make ropes that V8 flattens for every
 * comparison and again for the join.
 */
import type { Shape } from './key-order.js';

/** Indexes into `shape.keys` in key+value string order. Only the values of run members are read
 * (indexed like `shape.keys`; a dropped value sorts as '', its place does not matter). */
export function pairOrder(shape: Shape, values: readonly (string | undefined)[]): readonly number[] {
  const { runs, keys } = shape;
  if (runs.length === 0) return shape.order;
  const order = shape.order.slice();
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1] as number;
    for (let i = (runs[r] as number) + 1; i < end; i++) {
      const at = order[i] as number;
      let j = i - 1;
      while (j >= (runs[r] as number) && pairAfter(keys, values, order[j] as number, at)) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = at;
    }
  }
  return order;
}

/** Whether keys[a]+values[a] sorts after keys[b]+values[b] by UTF-16 code units. */
function pairAfter(keys: readonly string[], values: readonly (string | undefined)[], a: number, b: number): boolean {
  const keyA = keys[a] as string;
  const keyB = keys[b] as string;
  if (!keyA.startsWith(keyB) && !keyB.startsWith(keyA)) return keyA > keyB;
  const valueA = values[a] ?? '';
  const valueB = values[b] ?? '';
  const lengthA = keyA.length + valueA.length;
  const lengthB = keyB.length + valueB.length;
  const shared = Math.min(lengthA, lengthB);
  // The shorter key is a prefix of the longer one: the strings agree up to its length.
  for (let i = Math.min(keyA.length, keyB.length); i < shared; i++) {
    const unitA = i < keyA.length ? keyA.charCodeAt(i) : valueA.charCodeAt(i - keyA.length);
    const unitB = i < keyB.length ? keyB.charCodeAt(i) : valueB.charCodeAt(i - keyB.length);
    if (unitA !== unitB) return unitA > unitB;
  }
  return lengthA > lengthB;
}
