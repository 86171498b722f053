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

/** The shape of a plain params object whose keys all pass, or undefined. */
function plainShape(params: unknown): Shape | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  // Null-prototype objects are plain too: the sandbox and querystring.parse make them.
  const proto: unknown = Object.getPrototypeOf(params);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const shape = shapeOf(Object.keys(params));
  return shape.keysOk ? shape : undefined;
}

/**
 * Every value in one call (a dozen keyed loads by name cost several times more), or undefined.
 * Object.keys and Object.values list the same [[OwnPropertyKeys]] order; a getter that deletes a
 * later key makes them differ in length, and the slow path reads the object again.
 */
function valuesOf(params: object, shape: Shape): readonly unknown[] | undefined {
  const values = Object.values(params);
  return values.length === shape.keys.length ? values : undefined;
}

/**
 * prefix + key+value over the keys in `order` (indexes into `shape.keys`) + suffix, leaving out the
 * key at index `skip` (the signature) but still checking its value, as the slow path does.
 */
function appendSorted(
  keys: readonly string[],
  values: readonly unknown[],
  order: readonly number[],
  skip: number,
  prefix: string,
  suffix: string,
): string | undefined {
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
  const shape = plainShape(params);
  const values = shape && valuesOf(params, shape);
  if (shape === undefined || values === undefined) return undefined;
  return appendSorted(shape.keys, values, shape.order, shape.topSignature, prefix, suffix);
}

/** AOP's `urlPath + sorted key+value strings` without `_aop_signature`, or undefined for the slow path. */
export function fastAop(urlPath: string, params: ParamInput): string | undefined {
  const shape = plainShape(params);
  const values = shape && valuesOf(params, shape);
  if (shape === undefined || values === undefined) return undefined;
  let order = shape.order;
  if (shape.runs.length > 0) {
    // A key is a prefix of another (page, pageSize): their values decide their order. Only the
    // members of a run are compared, so only they are normalised here.
    const runValues = new Array<string | undefined>(shape.keys.length);
    for (let r = 0; r < shape.runs.length; r += 2) {
      for (let i = shape.runs[r] as number; i < (shape.runs[r + 1] as number); i++) {
        const at = shape.order[i] as number;
        const value = fastValue(values[at]);
        if (value === false) return undefined;
        runValues[at] = value;
      }
    }
    order = pairOrder(shape, runValues);
  }
  return appendSorted(shape.keys, values, order, shape.aopSignature, urlPath, '');
}
