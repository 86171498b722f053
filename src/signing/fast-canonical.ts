/**
 * The signers' fast path: the canonical string straight from the caller's object, when every value
 * is a string, a safe number, a boolean, null or undefined (what a client sends, since it signs
 * params it has already normalised). It reads each value once in sorted order and appends it,
 * with no intermediate arrays. Anything else (a Date, an array, a bigint, a bad value or key) gives
 * `undefined`, and canonical.ts takes the slow path, which applies every rule of normalize.ts in
 * insertion order and reports the first bad value. For the values it accepts, `fastValue` gives
 * exactly what `normalizeValue` gives, so both paths build the same string (tested with fast-check).
 */
import { pairOrder } from './aop-order.js';
import { shapeOf, type Shape } from './key-order.js';
import type { ParamInput } from './normalize.js';
import { joinPairs } from './join.js';
import { isSendableNumber, isWellFormed } from './value-rules.js';

/**
 * `normalizeValue` for the values that are not strings but still on the fast path; `false`: not one
 * of them, take the slow path. (Strings are handled inline by the callers: they are the hot case.)
 */
function otherValue(value: unknown): string | undefined | false {
  if (typeof value === 'number') return isSendableNumber(value) && String(value);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return false;
}

/** `normalizeValue` for any value of the fast path, `false` for the others. */
function fastValue(value: unknown): string | undefined | false {
  if (typeof value !== 'string') return otherValue(value);
  return value === '' ? undefined : isWellFormed(value) && value;
}

/** A plain params object read once: its shape (whose keys all pass) and its values in key order. */
interface Read {
  readonly shape: Shape;
  readonly values: readonly unknown[];
}

/** `params` read for the fast path, or undefined when it is not a plain object with sendable keys. */
function read(params: unknown): Read | undefined {
  // Null-prototype objects are plain too, but rare: the slow path takes them.
  if (typeof params !== 'object' || params === null || Object.getPrototypeOf(params) !== Object.prototype) {
    return undefined;
  }
  const shape = shapeOf(Object.keys(params));
  if (!shape.keysOk) return undefined;
  // One call for every value (a dozen keyed loads by name cost several times more). Both lists come
  // from the same [[OwnPropertyKeys]] order; a getter that deletes a later key makes them differ in
  // length, and the slow path reads the object again.
  const values = Object.values(params);
  return values.length === shape.keys.length ? { shape, values } : undefined;
}

/**
 * prefix + key+value over the keys in sorted order + suffix, leaving out the key at index
 * `skip` of `shape.keys` (the signature) but still checking its value, as the slow path does.
 */
function appendSorted(input: Read, skip: number, prefix: string, suffix: string): string | undefined {
  const { keys, order } = input.shape;
  const values = input.values;
  let text = prefix;
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    const raw = values[at];
    let value: string;
    if (typeof raw === 'string') {
      if (raw === '') continue;
      if (!isWellFormed(raw)) return undefined;
      value = raw;
    } else {
      const other = otherValue(raw);
      if (other === false) return undefined;
      if (other === undefined) continue;
      value = other;
    }
    if (at === skip) continue;
    // One rope that the hash flattens once (Array.join, a reused pre-sized join array,
    // String.prototype.concat and a hand-written UTF-8 encoder into a reused buffer all measured
    // slower on Node 20). key + value first: V8 copies a result under 13 characters (`v2.0`,
    // `page1`) into a flat string, which saves the hash one piece to gather.
    text += (keys[at] as string) + value;
  }
  return text + suffix;
}

/** TOP's `prefix + k1v1k2v2… + suffix` without `sign`, or undefined for the slow path. */
export function fastTop(params: ParamInput, prefix: string, suffix: string): string | undefined {
  const input = read(params);
  return input === undefined ? undefined : appendSorted(input, input.shape.topSignature, prefix, suffix);
}

/** AOP's `urlPath + sorted key+value strings` without `_aop_signature`, or undefined for the slow path. */
export function fastAop(urlPath: string, params: ParamInput): string | undefined {
  const input = read(params);
  if (input === undefined) return undefined;
  const { shape } = input;
  if (shape.runs.length === 0) return appendSorted(input, shape.aopSignature, urlPath, '');
  // A key is a prefix of another: the values decide their order, so normalise them all first.
  const values = new Array<string | undefined>(input.values.length);
  for (let i = 0; i < values.length; i++) {
    const value = fastValue(input.values[i]);
    if (value === false) return undefined;
    values[i] = value;
  }
  return joinPairs(urlPath, shape.keys, values, pairOrder(shape, values), shape.aopSignature);
}
