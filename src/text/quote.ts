/**
 * Bounded quoting of caller input for error messages. A validation error shows what was wrong, but a
 * 10 MiB id must not become a 10 MiB message (logs, terminals and error trackers choke on it), so at
 * most `limit` UTF-16 units of the input are shown, never half of a surrogate pair, and the rest is
 * summarised by its length. Strings are JSON-quoted, so control characters and lone surrogates show
 * as escapes instead of reaching a terminal raw.
 */

/** How much of the input a message shows by default. */
export const QUOTE_LIMIT = 200;

/** `text` JSON-quoted, cut to at most `limit` UTF-16 units, e.g. `"abc…" (10485760 characters)`. */
export function quote(text: string, limit: number = QUOTE_LIMIT): string {
  if (text.length <= limit) return JSON.stringify(text);
  return `${JSON.stringify(`${head(text, limit)}…`)} (${text.length} characters)`;
}

/**
 * Any value as a message shows it, bounded like `quote`: strings quoted, numbers and booleans as
 * written, bigints with their `n`, functions by name, symbols by description, objects by class.
 */
export function describeValue(value: unknown, limit: number = QUOTE_LIMIT): string {
  switch (typeof value) {
    case 'string':
      return quote(value, limit);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return describeBigint(value, limit);
    case 'function':
      return clip(value.name === '' ? 'an anonymous function' : `function ${value.name}`, limit);
    case 'symbol':
      return clip(value.description === undefined ? 'Symbol()' : `Symbol(${value.description})`, limit);
    default:
      return clip(className(value), limit);
  }
}

/** `null`, `array`, or the constructor's name of an object (`Map`, `Date`, `object` when it has none). */
export function className(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  let name: unknown;
  try {
    name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  } catch {
    // A getter that throws (or a revoked Proxy) must not turn a validation message into a crash.
    return 'object';
  }
  return typeof name === 'string' && name !== '' ? clip(name, QUOTE_LIMIT) : 'object';
}

// The decimal digits of a huge bigint cost quadratic time to write: past the limit, only its size is told.
function describeBigint(value: bigint, limit: number): string {
  const magnitude = value < 0n ? -value : value;
  if (magnitude < 10n ** BigInt(limit)) return clip(`${value}n`, limit);
  return `a bigint of ${magnitude.toString(16).length * 4} bits`;
}

/** Unquoted text cut like `quote`: `abc… (10485760 characters)` past the limit. */
export function clip(text: string, limit: number = QUOTE_LIMIT): string {
  return text.length <= limit ? text : `${head(text, limit)}… (${text.length} characters)`;
}

/** The first `limit` units, one fewer when the last kept unit would be the first half of a pair. */
function head(text: string, limit: number): string {
  const last = text.charCodeAt(limit - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, cut);
}
