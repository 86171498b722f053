/**
 * JSON text with integers above 2^53 written as raw numbers. `JSON.stringify` cannot emit them (a
 * bigint throws, a number has already lost digits), but the real gateways do, and clients must see
 * what `JSON.parse` does to them. A `RawNumber` is written as its digits, unquoted.
 */

// A marker no JSON string can produce by accident: the escaped control characters around it are what
// JSON.stringify writes for U+0001, and the digits are the only thing let through unquoted.
const MARK = '\u0001raw-number\u0001';
const MARKED = /"\\u0001raw-number\\u0001(-?\d+)\\u0001raw-number\\u0001"/g;

export class RawNumber {
  readonly digits: string;
  constructor(value: bigint | string) {
    const digits = String(value);
    if (!/^-?\d+$/.test(digits)) throw new TypeError(`RawNumber takes an integer, got ${digits}`);
    this.digits = digits;
  }
  toJSON(): string {
    return MARK + this.digits + MARK;
  }
  toString(): string {
    return this.digits;
  }
}

/** An id as the gateways write it: a string below 2^53, a raw JSON number above. */
export function idValue(id: bigint): string | RawNumber {
  return id > BigInt(Number.MAX_SAFE_INTEGER) ? new RawNumber(id) : String(id);
}

/** `value` with every bigint, at any depth, turned into a RawNumber (so that toJsonText can write it). */
export function withRawIntegers(value: unknown): unknown {
  if (typeof value === 'bigint') return new RawNumber(value);
  if (Array.isArray(value)) return value.map(withRawIntegers);
  if (value !== null && typeof value === 'object' && !(value instanceof RawNumber)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRawIntegers(v)]));
  }
  return value;
}

export interface JsonTextOptions {
  /** Write every non-ASCII character as \uXXXX (PHP's json_encode default, OneBound's `json`). */
  asciiOnly?: boolean;
}

export function toJsonText(value: unknown, options: JsonTextOptions = {}): string {
  let text = JSON.stringify(value).replace(MARKED, '$1');
  if (options.asciiOnly) {
    // Outside strings a JSON text is ASCII, so every non-ASCII code unit is inside a string.
    text = text.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  return text;
}
