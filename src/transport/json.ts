/**
 * JSON with 64-bit integers kept exact. The gateways send item, SKU and seller ids as bare numbers
 * above 2^53, which `JSON.parse` silently rounds. Integer literals of 16 digits or more that stand
 * outside strings are quoted before parsing, so they arrive as strings with every digit.
 *
 * Fast path (this runs on every response): one native regex replace quotes every long integer that
 * sits where a JSON value sits (after `:` `,` `[`, before `,` `]` `}`). Such a run can also occur
 * inside a string ("a,1234567890123456,b"); quoting it there always yields invalid JSON, because the
 * inserted quote closes the string and a digit may never follow a string. So when the optimistic
 * parse fails, the exact path (which tracks string state) decides, and rethrows genuine errors.
 */

// 15 digits always fit a double exactly; 16 may not (2^53 = 9007199254740992).
const LONG_DIGITS = /-?\d{16,}/g;
const LONG_VALUE = /([:,[]\s*)(-?\d{16,})(?=\s*[,\]}])/g;

/** `JSON.parse` that keeps integers longer than 15 digits as strings. Throws `SyntaxError` like it. */
export function parseJsonExact(text: string): unknown {
  // One native scan; a body without long integer values comes back unchanged.
  const optimistic = text.replace(LONG_VALUE, '$1"$2"');
  try {
    return JSON.parse(optimistic);
  } catch (error) {
    if (optimistic === text) throw error;
    return JSON.parse(quoteLongIntegers(text));
  }
}

/** The raw text with every long integer literal outside a string wrapped in quotes. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let scannedUpTo = 0;
  let inString = false;
  LONG_DIGITS.lastIndex = 0;
  for (let match = LONG_DIGITS.exec(text); match !== null; match = LONG_DIGITS.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    // Advance the string state over every unescaped quote before this digit run.
    for (let quote = text.indexOf('"', scannedUpTo); quote !== -1 && quote < start;) {
      if (!isEscaped(text, quote)) inString = !inString;
      quote = text.indexOf('"', quote + 1);
    }
    scannedUpTo = end; // digits contain no quotes
    if (inString || !isWholeInteger(text, start, end)) continue;
    out += text.slice(copiedUpTo, start) + '"' + match[0] + '"';
    copiedUpTo = end;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** A quote preceded by an odd number of backslashes is part of the string. */
function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

// `.` `e` `E` `+` `-` or a digit next to the run: it is part of a fraction or an exponent.
function isNumberPart(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === 0x2d
  );
}

function isWholeInteger(text: string, start: number, end: number): boolean {
  return (
    !(start > 0 && isNumberPart(text.charCodeAt(start - 1))) &&
    !(end < text.length && isNumberPart(text.charCodeAt(end)))
  );
}
