/**
 * Caller input quoted in a validation message, bounded: a message names what was wrong, but a
 * 10 MiB id must not become a 10 MiB message in every log and error tracker it reaches. At most
 * `QUOTE_LIMIT` UTF-16 units of the input are shown (never half a surrogate pair), followed by the
 * input's full length. Strings are JSON-quoted, so control characters show as escapes.
 */

/** The most characters of an input a message quotes. */
export const QUOTE_LIMIT = 200;

/** `text` JSON-quoted and cut to `limit` units: `"abc…" (10485760 characters)` past the limit. */
export function quote(text: string, limit: number = QUOTE_LIMIT): string {
  if (text.length <= limit) return JSON.stringify(text);
  return `${JSON.stringify(`${cut(text, limit)}…`)} (${text.length} characters)`;
}

/** Any value as a message shows it, bounded like `quote`: strings quoted, bigints with `n`, objects by kind. */
export function describeValue(value: unknown, limit: number = QUOTE_LIMIT): string {
  if (typeof value === 'string') return quote(value, limit);
  if (typeof value === 'bigint') return describeBigint(value, limit);
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'function') return 'a function';
  return clip(String(value), limit);
}

// Decimal digits of a huge bigint cost quadratic time: past the limit, only its size is told.
function describeBigint(value: bigint, limit: number): string {
  const magnitude = value < 0n ? -value : value;
  if (magnitude < 10n ** BigInt(limit)) return clip(`${value}n`, limit);
  return `a bigint of ${magnitude.toString(16).length * 4} bits`;
}

/** Unquoted text cut like `quote`: `abc… (10485760 characters)` past the limit. */
export function clip(text: string, limit: number = QUOTE_LIMIT): string {
  return text.length <= limit ? text : `${cut(text, limit)}… (${text.length} characters)`;
}

function cut(text: string, limit: number): string {
  const last = text.charCodeAt(limit - 1);
  // A high surrogate at the cut would leave half a character (and invalid UTF-16) in the message.
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}
