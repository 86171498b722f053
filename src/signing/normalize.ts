/**
 * The one place where parameter values become the strings that are signed and sent. Signing and
 * sending must see exactly the same text, so both go through these rules (`normalizeList`, whose
 * object form is `normalizeParams`; the signers' fast path in fast-canonical.ts accepts a subset
 * of the same values and gives the same strings). What cannot be sent faithfully is refused with an
 * `InvalidRequestError` naming the parameter, never changed on the way.
 */
import { types } from 'node:util';
import { invalidRequest } from '../errors.js';
import { className } from '../text/quote.js';
import { jsonText } from './json-text.js';
import { refuse, shown } from './refusal.js';
import { dateText, isPlainObject, isWellFormed, keyProblem, numberProblem } from './value-rules.js';

/** What callers may pass as a parameter value. */
export type ParamValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | null
  | undefined
  | readonly unknown[]
  | { readonly [key: string]: unknown };

/** Parameters as callers pass them: strings, numbers, bigints, booleans, dates, arrays or objects. */
export type ParamInput = Readonly<Record<string, unknown>>;
/** Parameters as they are signed and sent: every value a string. */
export type NormalizedParams = Record<string, string>;

/**
 * Strings as they are; numbers (within ±(2^53 − 1)) and bigints with `String()`; booleans
 * `true`/`false`; `Date` as Beijing `yyyy-MM-dd HH:mm:ss`; arrays and plain objects as JSON, with
 * every nested `Date` in Beijing time too. `undefined`, `null` and `''` are dropped. Anything else
 * (NaN, infinities, unsafe integers, functions, symbols, `Map`, `Set`, class instances, cycles, lone
 * surrogates, nested bigints) throws `InvalidRequestError` naming the path, e.g. `params.sku[2].price`.
 * `input` itself must be a plain object.
 */
export function normalizeParams(input: ParamInput): NormalizedParams {
  const { keys, values } = normalizeList(input);
  const out: NormalizedParams = {};
  for (let i = 0; i < keys.length; i++) {
    const value = values[i];
    if (value !== undefined) out[keys[i] as string] = value;
  }
  return out;
}

/** `normalizeParams` as two parallel arrays in `Object.keys` order; `undefined` marks a dropped key. */
export interface NormalizedList {
  keys: string[];
  values: (string | undefined)[];
}

/**
 * The array form of `normalizeParams`: no intermediate object, and the key array comes straight from
 * `Object.keys`, so the signers can recognise a key order they have seen. Values are normalised in
 * insertion order, so the first bad key is the one reported.
 */
export function normalizeList(input: ParamInput): NormalizedList {
  assertParamsObject(input);
  const keys = Object.keys(input);
  const values = new Array<string | undefined>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    values[i] = normalizeValue(key, input[key]);
  }
  return { keys, values };
}

/**
 * Params must be a plain object: a `Map`, `Set` or `Date` has no own enumerable keys and would send
 * nothing, an array would send its indexes, and a class instance its fields without its meaning.
 */
export function assertParamsObject(input: unknown): asserts input is ParamInput {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || !isPlainObject(input)) {
    throw invalidRequest(`params must be a plain object of key/value pairs, got ${describeParams(input)}`);
  }
}

function describeParams(input: unknown): string {
  const name = className(input);
  // Object.create(someObject): its constructor is still Object, but it is not a plain object.
  return name === 'Object' ? 'an object whose prototype is not Object.prototype' : name;
}

/** One value by the rules of `normalizeParams`; `undefined` means "drop this key". */
export function normalizeValue(key: string, value: unknown): string | undefined {
  const problem = keyProblem(key);
  if (problem !== undefined) throw invalidRequest(problem);
  switch (typeof value) {
    case 'string':
      if (value === '') return undefined;
      if (!isWellFormed(value)) {
        throw refuse(key, [], `contains a lone UTF-16 surrogate, which has no UTF-8 form: ${shown(key, value)}`);
      }
      return value;
    case 'number': {
      const refused = numberProblem(value, false);
      if (refused !== undefined) throw refuse(key, [], refused);
      return String(value);
    }
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      return value === null ? undefined : normalizeObject(key, value);
    default:
      throw refuse(key, [], `is a ${typeof value} (${shown(key, value)}), which cannot be sent`);
  }
}

function normalizeObject(key: string, value: object): string {
  if (types.isDate(value)) {
    const text = dateText(value as Date);
    if (text === undefined) throw refuse(key, [], 'is an invalid Date');
    return text;
  }
  // Arrays and plain objects; json-text.ts refuses anything else with the same words.
  return jsonText(key, value);
}
