/**
 * Money as the gateways send it: exact decimal yuan. Prices travel as strings ("25.00", "799",
 * "0.5") or as JSON numbers (138.00 arrives as 138), and a float sum of three 0.10 prices is already
 * wrong, so every amount is kept as an integer number of fen (分, 1/100 yuan) next to its canonical
 * two-decimal text. Nothing here goes through floating-point arithmetic.
 */
import { z } from 'zod';
import { InvalidRequestError, ResponseError } from '../errors.js';
import { quote } from '../text/quote.js';

/** An amount of yuan: `text` with exactly two decimals, `fen` the same amount as an integer. */
export const MoneySchema = z
  .object({
    /** Two decimals, no sign, no exponent: "22.00". */
    text: z.string().regex(/^\d+\.\d{2}$/),
    /** The amount in fen (1/100 yuan): 2200. */
    fen: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .refine((money) => formatFen(money.fen) === money.text, { message: 'text and fen must be the same amount' });
/** An exact amount of yuan: `{ text: '22.00', fen: 2200 }`. */
export type Money = z.infer<typeof MoneySchema>;

// Digits, then at most one fraction; fraction digits past the second must be zeros (a fraction of
// a fen is not a price we can represent exactly, so it is refused rather than rounded).
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_AMOUNT_TEXT = 64;
// The largest amount whose fen is exact as a JavaScript number: 90 071 992 547 409.91 yuan.
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Why `value` is not an amount of money, or its fen. */
function fenOf(value: unknown): number | string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${value} is not an amount`;
    // String() gives the shortest text that reads back as the same double, i.e. what the JSON had
    // (138.00 → "138", 19.9 → "19.9"); a computed float such as 0.1 + 0.2 shows its extra digits and
    // is refused below.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return `expected a decimal string or number, got ${value === null ? 'null' : typeof value}`;
  }
  // No amount is this long; and a regular expression over megabytes of digits can exhaust the
  // backtracking stack (a RangeError instead of a validation message).
  if (text.length > MAX_AMOUNT_TEXT) return `${quote(text)} is not an amount`;
  const match = DECIMAL.exec(text);
  if (!match) return `${quote(text)} is not a non-negative decimal amount`;
  const integer = match[1] as string;
  const fraction = match[2] ?? '';
  if (fraction.length > 2 && !/^0*$/.test(fraction.slice(2))) {
    return `${quote(text)} has a fraction of a fen`;
  }
  // BigInt so that the size check itself cannot round.
  const fen = BigInt(integer) * 100n + BigInt((fraction + '00').slice(0, 2));
  if (fen > MAX_FEN) return `${quote(text)} is too large to count in fen exactly`;
  return Number(fen);
}

/** A caller's amount ("22", "22.5", 22.5): throws `InvalidRequestError` naming `field` when it is not one. */
export function parseMoney(value: string | number, field = 'amount'): Money {
  const fen = fenOf(value);
  if (typeof fen === 'string') {
    throw new InvalidRequestError({ message: `${field}: ${fen}`, code: 'invalid-money' });
  }
  return moneyFromFen(fen);
}

/** An amount read from a gateway's response: throws `ResponseError` naming `field` when it is not one. */
export function moneyFromResponse(value: unknown, field: string): Money {
  const fen = fenOf(value);
  if (typeof fen === 'string') {
    throw new ResponseError({ message: `response field ${field}: ${fen}`, code: 'invalid-money' });
  }
  return moneyFromFen(fen);
}

/** The Money of an integer number of fen. */
export function moneyFromFen(fen: number): Money {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new InvalidRequestError({
      message: `an amount in fen must be a non-negative safe integer, got ${fen}`,
      code: 'invalid-money',
    });
  }
  return { text: formatFen(fen), fen };
}

/** 2200 → "22.00", 5 → "0.05", -150 → "-1.50" (differences of prices may be negative). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new InvalidRequestError({ message: `fen must be a safe integer, got ${fen}`, code: 'invalid-money' });
  }
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  const cents = magnitude % 100;
  return `${sign}${(magnitude - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}
