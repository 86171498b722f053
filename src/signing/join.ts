/** The canonical string from normalised values: prefix + key+value for each kept key in `order`. */

/** Leaves out dropped values (`undefined`) and the key at index `skip` (the signature, or -1). */
export function joinPairs(
  prefix: string,
  keys: readonly string[],
  values: readonly (string | undefined)[],
  order: readonly number[],
  skip: number,
): string {
  let text = prefix;
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    const value = values[at];
    if (value === undefined || at === skip) continue;
    text += keys[at] as string;
    text += value;
  }
  return text;
}
