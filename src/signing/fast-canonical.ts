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

/**
 * prefix + key+value over the keys in sorted order (AOP: key+value order) + suffix, leaving out the
 * signature key but still checking its value, as the slow path does; undefined for the slow path.
 * One function on purpose: with several request shapes and signers in use (a client, the bench),
 * the engine stopped inlining the small helpers this was made of, and each call showed.
 */
function fastCanonical(params: unknown, prefix: string, suffix: string, aop: boolean): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  // Null-prototype objects are plain too: the sandbox and querystring.parse make them.
  const proto: unknown = Object.getPrototypeOf(params);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const shape = shapeOf(Object.keys(params));
  // One call for every value (a dozen keyed loads by name cost several times more). Object.keys and
  // Object.values list the same [[OwnPropertyKeys]] order; a getter that deletes a later key makes
  // them differ in length, and the slow path reads the object again.
  const values = Object.values(params);
  if (!shape.keysOk || values.length !== shape.keys.length) return undefined;
  const { keys } = shape;
  const order = aop && shape.runs.length > 0 ? runOrder(shape, values) : shape.order;
  if (order === undefined) return undefined;
  const skip = aop ? shape.aopSignature : shape.topSignature;
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
    // String.prototype.concat, a hand-written UTF-8 encoder into a reused buffer and a JavaScript
    // MD5 all measured slower on Node 20). key + value first: V8 copies a result under 13
    // characters (`v2.0`, `page1`) into a flat string, which saves the hash one piece to gather.
    text += (keys[at] as string) + value;
  }
  return text + suffix;
}

/**
 * AOP's order when a key is a prefix of another (page, pageSize): their values decide it. Only the
 * members of a run are compared, so only they are normalised here; undefined for the slow path.
 */
function runOrder(shape: Shape, values: readonly unknown[]): readonly number[] | undefined {
  const runValues = new Array<string | undefined>(shape.keys.length);
  for (let r = 0; r < shape.runs.length; r += 2) {
    for (let i = shape.runs[r] as number; i < (shape.runs[r + 1] as number); i++) {
      const at = shape.order[i] as number;
      const value = fastValue(values[at]);
      if (value === false) return undefined;
      runValues[at] = value;
    }
  }
  return pairOrder(shape, runValues);
}

/** TOP's `prefix + k1v1k2v2… + suffix` without `sign`, or undefined for the slow path. */
export function fastTop(params: ParamInput, prefix: string, suffix: string): string | undefined {
  return fastCanonical(params, prefix, suffix, false);
}

/** AOP's `urlPath + sorted key+value strings` without `_aop_signature`, or undefined for the slow path. */
export function fastAop(urlPath: string, params: ParamInput): string | undefined {
  return fastCanonical(params, urlPath, '', true);
}
