/**
 * The one place where parameter values become the strings that are signed and sent. Signing and
 * sending must see exactly the same text, so both go through `normalizeList` (`normalizeParams` is
 * its object form).
 */
import { beijingTimestamp } from '../clock.js';
import { invalidRequest } from '../errors.js';

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
 * Strings as they are; numbers and bigints with `String()`; booleans `true`/`false`; `Date` as
 * Beijing `yyyy-MM-dd HH:mm:ss`; arrays and plain objects as `JSON.stringify`. `undefined`,
 * `null` and `''` are dropped. Anything else throws `InvalidRequestError` naming the key.
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
 * The array form of `normalizeParams`, for the signers' hot path: no intermediate object, and the
 * key array comes straight from `Object.keys`, so the caller can recognise a key order it has seen.
 * Values are normalised in insertion order, so the first bad key is the one reported, as before.
 */
export function normalizeList(input: ParamInput): NormalizedList {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw invalidRequest(`params must be a plain object of key/value pairs, got ${describe(input)}`);
  }
  const keys = Object.keys(input);
  const values = new Array<string | undefined>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    values[i] = normalizeValue(key, input[key]);
  }
  return { keys, values };
}

// Assigning `__proto__` to a plain object sets its prototype instead of adding a key, so such a
// parameter could be neither kept in the normalised params nor sent: refuse it rather than drop it.
const PROTO_KEY = '__proto__';

/** One value by the rules of `normalizeParams`; `undefined` means "drop this key". */
export function normalizeValue(key: string, value: unknown): string | undefined {
  if (key === '') throw invalidRequest('a parameter has an empty name');
  if (key === PROTO_KEY) throw invalidRequest('a parameter named "__proto__" cannot be sent from JavaScript');
  switch (typeof value) {
    case 'string':
      if (value === '') return undefined;
      if (!isWellFormed(value)) throw loneSurrogate(key);
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw invalidRequest(`parameter "${key}" is ${value}, which cannot be sent`);
      return String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      return normalizeObject(key, value);
    default:
      throw invalidRequest(`parameter "${key}" is a ${typeof value}, which cannot be sent`);
  }
}

function normalizeObject(key: string, value: object | null): string | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidRequest(`parameter "${key}" is an invalid Date`);
    return beijingTimestamp(value);
  }
  if (!Array.isArray(value) && !isPlainObject(value)) {
    throw invalidRequest(`parameter "${key}" is a ${describe(value)}; only arrays and plain objects are sent as JSON`);
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // Circular structures and nested bigints: say which key, keep the engine's reason.
    throw invalidRequest(`parameter "${key}" cannot be written as JSON: ${(error as Error).message}`);
  }
  if (!isWellFormed(json)) throw loneSurrogate(key);
  return json;
}

/**
 * A lone UTF-16 surrogate has no UTF-8 form: the bytes hashed would not be the text sent.
 * `String.prototype.isWellFormed` (ES2024, in every Node ≥ 20) answers that about twice as fast as
 * the `/\p{Surrogate}/u` test it replaces; the library targets ES2022 typings, hence the cast.
 */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function loneSurrogate(key: string) {
  return invalidRequest(`parameter "${key}" contains a lone UTF-16 surrogate, which has no UTF-8 form`);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
