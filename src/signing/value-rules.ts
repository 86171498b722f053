/**
 * The checks shared by top-level parameter values (normalize.ts), nested JSON values
 * (json-text.ts) and the signers' fast path (fast-canonical.ts), so that all three accept exactly the
 * same values.
 */
import { beijingTimestamp } from '../clock.js';
import { quote } from '../text/quote.js';

/**
 * Why a number cannot be sent as written, or undefined when it can. `String(n)` of a number beyond
 * 2^53 − 1 prints digits that the caller never wrote (`610947572360123456` is already
 * `610947572360123400` once parsed), so those are refused rather than signed and sent rounded.
 * `inJson`: the number sits inside an array or object, where JSON.stringify would write NaN as null.
 */
export function numberProblem(value: number, inJson: boolean): string | undefined {
  if (isSendableNumber(value)) return undefined;
  const cannot = inJson ? 'JSON cannot carry (JSON.stringify would send null)' : 'cannot be sent';
  if (!Number.isFinite(value)) return `is ${value}, which ${cannot}`;
  return (
    `is ${value}, beyond Number.MAX_SAFE_INTEGER (2^53 − 1), where JavaScript numbers lose digits: ` +
    `it may not be the number that was written. Pass it as a string${inJson ? '' : ' or a bigint'}`
  );
}

/** Finite and within ±(2^53 − 1); NaN fails both comparisons. Every number beyond is an integer. */
export function isSendableNumber(value: number): boolean {
  return value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER;
}

/** `Object.prototype` or `null` as prototype: what `{...}`, `JSON.parse` and `Object.create(null)` make. */
export function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Beijing `yyyy-MM-dd HH:mm:ss`, or undefined for an invalid Date. */
export function dateText(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : beijingTimestamp(date);
}

/**
 * A lone UTF-16 surrogate has no UTF-8 form: the bytes hashed would not be the text sent.
 * `String.prototype.isWellFormed` (ES2024, in every Node ≥ 20) answers that without a regular
 * expression; the library targets ES2022 typings, hence the cast.
 */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

// Assigning `__proto__` to a plain object sets its prototype instead of adding a key, so such a
// parameter could be neither kept in the normalised params nor sent: refuse it rather than drop it.
const PROTO_KEY = '__proto__';

/** A parameter name that cannot be sent as it is written: the reason, or undefined when it can. */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'a parameter has an empty name';
  if (key === PROTO_KEY) return 'a parameter named "__proto__" cannot be sent from JavaScript';
  if (!isWellFormed(key)) {
    return `the parameter name ${quote(key)} contains a lone UTF-16 surrogate, which has no UTF-8 form`;
  }
  return undefined;
}
