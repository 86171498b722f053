/**
 * JSON with 64-bit integers kept exact. The gateways send item, SKU and seller ids as bare numbers
 * above 2^53, which `JSON.parse` silently rounds. Integer literals of 16 digits or more that stand
 * outside strings are quoted before parsing, so they arrive as strings with every digit.
 *
 * The common case (no 16-digit run at all) costs one regex test before the native parser; otherwise
 * the string state is tracked by jumping from quote to quote with `indexOf`, not char by char.
 */

// 15 digits always fit a double exactly; 16 may not (2^53 = 9007199254740992).
const LONG_DIGITS = /-?\d{16,}/g;
const HAS_LONG_DIGITS = /\d{16}/;

/** `JSON.parse` that keeps integers longer than 15 digits as strings. Throws `SyntaxError` like it. */
export function parseJsonExact(text: string): unknown {
  if (!HAS_LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(quoteLongIntegers(text));
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
