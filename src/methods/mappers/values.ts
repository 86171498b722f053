/**
 * zod pieces for the raw payloads, shared by the mappers. The gateways write the same field as a
 * string in one answer and a number in the next (`"num":"1763"`, `"quantity":1763`), so these accept
 * both forms and hand the mapper one: counts as numbers, ids as digit strings, money as `Money`.
 */
import { z } from 'zod';
import type { Money } from '../../model/money.js';
import { moneyFromResponse } from '../../model/money.js';

/** A non-negative whole number, as a JSON number or a string of digits. */
export const count = z.unknown().transform((value, ctx): number => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  ctx.addIssue({ code: 'custom', message: `expected a whole number ≥ 0, got ${describe(value)}` });
  return z.NEVER;
});

/** Like `count`, but absent, '' and null (OneBound's "no value") read as absent. */
export const optionalCount = z
  .unknown()
  .transform((value, ctx): number | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = count.safeParse(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: `expected a whole number ≥ 0, got ${describe(value)}` });
    return z.NEVER;
  })
  // optional(): an object may leave the key out (the transform reads '' and null as absent too).
  .optional();

/**
 * An id as digits. Ids above 2^53 arrive as strings (the transport quotes long integers before
 * parsing); a number that is no longer exact means someone parsed the body with plain JSON.parse.
 */
export const idText = z.unknown().transform((value, ctx): string => {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    if (Number.isSafeInteger(value)) return String(value);
    ctx.addIssue({ code: 'custom', message: `id ${value} is above 2^53 and arrived as a rounded number` });
    return z.NEVER;
  }
  ctx.addIssue({ code: 'custom', message: `expected an id of digits, got ${describe(value)}` });
  return z.NEVER;
});

/** Like `idText`, but absent, '' and null read as absent. */
export const optionalId = z
  .unknown()
  .transform((value, ctx): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = idText.safeParse(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'expected an id of digits' });
    return z.NEVER;
  })
  .optional();

/** An exact amount of yuan, as a decimal string or JSON number. */
export const money = z.unknown().transform((value, ctx): Money => {
  try {
    return moneyFromResponse(value, 'price');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not an amount' });
    return z.NEVER;
  }
});

/** A string that may be absent, null or '': absent in all three cases. */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => (value === null || value === '' ? undefined : value));

export const nameValue = z.object({ name: z.string(), value: z.union([z.string(), z.number()]).transform(String) });

/** Protocol-relative image URLs (`//cbu01.alicdn.com/…`) as https, so that every URL is usable as is. */
export function absoluteUrl(url: string): string {
  return url.startsWith('//') ? `https:${url}` : url;
}

/** The image URLs of a description's HTML, in order, without repeats. */
export function imagesInHtml(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)) {
    const url = absoluteUrl(match[1] as string);
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

/** Distinct non-empty strings in their first order. */
export function distinct(values: Iterable<string | undefined>): string[] {
  const out: string[] = [];
  for (const value of values) if (value !== undefined && value !== '' && !out.includes(value)) out.push(value);
  return out;
}

/** The record without its undefined fields (the model's optional fields are absent, not undefined). */
export function dropUndefined<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** A short description of a value for error messages (never a long dump of the payload). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
