/**
 * A `fields` parameter: names as an array or as the gateway's comma-separated text. One schema with
 * one message, rather than a union whose failure zod can only describe as "Invalid input".
 */
import { z } from 'zod';
import { describeValue } from '../text/quote.js';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** string[] | 'a,b,c' → the names, each checked. */
export const FieldListSchema = z.unknown().transform((value, ctx): string[] => {
  const names = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(names) || names.length === 0) {
    ctx.addIssue({ code: 'custom', message: "must be field names, as an array or separated by commas ('a,b,c')" });
    return z.NEVER;
  }
  for (const name of names) {
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `${describeValue(name)} is not a field name (letters, digits, _ and ., such as step_price)`,
      });
      return z.NEVER;
    }
  }
  return names as string[];
});
