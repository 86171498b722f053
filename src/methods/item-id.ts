/**
 * Item (offer) ids. 1688 ids reach past 2^53 in places, where a JavaScript number silently becomes
 * another id, so an id is kept as its decimal digits. Callers may pass a string, a bigint, or a
 * number that is still exact; an inexact number is refused with the advice to pass a string.
 */
import { z } from 'zod';
import { describeValue, quote } from '../text/quote.js';

const ID_DIGITS = /^[1-9]\d{0,19}$/;
const MAX_ID = 10n ** 20n;

/** The id's digits, or why it is not an id. */
export function itemIdText(value: unknown): { id: string } | { problem: string } {
  if (typeof value === 'string') {
    if (value === '') return { problem: 'must not be empty' };
    return ID_DIGITS.test(value)
      ? { id: value }
      : {
          problem: `must be the decimal digits of an id (1-20 digits, no sign or leading zero), got ${quote(value)}`,
        };
  }
  if (typeof value === 'bigint') {
    // Compared before it is turned into text: the digits of a huge bigint take seconds to write.
    return value > 0n && value < MAX_ID && ID_DIGITS.test(value.toString())
      ? { id: value.toString() }
      : { problem: `must be a positive id of at most 20 digits, got ${describeValue(value)}` };
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      return {
        problem: `${value} is not an exact integer in JavaScript (above 2^53 or fractional): pass the id as a string`,
      };
    }
    return value > 0 ? { id: String(value) } : { problem: `must be a positive id, got ${value}` };
  }
  return {
    problem: `must be a string of digits, a bigint or a safe integer, got ${value === null ? 'null' : typeof value}`,
  };
}

/** string | bigint | safe integer → the id's digits. */
export const ItemIdSchema = z.unknown().transform((value, ctx) => {
  const checked = itemIdText(value);
  if ('id' in checked) return checked.id;
  ctx.addIssue({ code: 'custom', message: checked.problem });
  return z.NEVER;
});

/** What callers may pass as an item id. */
export type ItemIdInput = string | bigint | number;
