/**
 * AOP signs the key+value strings sorted as strings. When a key is a prefix of another (`page`,
 * `pageSize`: common in 1688 APIs) the values take part in the order, so the cached key order of
 * key-order.ts is only the starting point: it is already right for every pair of keys that are not
 * prefixes of each other, and an insertion sort over it fixes the rest in one or two moves.
 * The comparison reads the two strings in place instead of building them: building would make ropes
 * that V8 flattens for every comparison and again for the join.
 */

/** The indexes of the kept values (`undefined` dropped), in key+value string order. */
export function pairOrder(
  keys: readonly string[],
  values: readonly (string | undefined)[],
  keyOrder: readonly number[],
): number[] {
  const order: number[] = [];
  for (let i = 0; i < keyOrder.length; i++) {
    const at = keyOrder[i] as number;
    const value = values[at];
    if (value === undefined) continue;
    let j = order.length - 1;
    while (j >= 0 && pairAfter(keys, values, order[j] as number, at)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = at;
  }
  return order;
}

/** Whether keys[a]+values[a] sorts after keys[b]+values[b] by UTF-16 code units. */
function pairAfter(keys: readonly string[], values: readonly (string | undefined)[], a: number, b: number): boolean {
  const keyA = keys[a] as string;
  const keyB = keys[b] as string;
  if (!keyA.startsWith(keyB) && !keyB.startsWith(keyA)) return keyA > keyB;
  const valueA = values[a] as string;
  const valueB = values[b] as string;
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
