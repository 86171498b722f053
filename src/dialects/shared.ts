/** Small helpers the three dialects share: form encoding, text fields, read-API detection. */
import type { NormalizedParams } from '../signing/normalize.js';

/**
 * The longest API name a dialect accepts. Real names are a few dozen characters; checking the length
 * first keeps a pattern from backtracking over megabytes of hostile input.
 */
export const MAX_API_NAME = 256;

/** `application/x-www-form-urlencoded` as browsers write it (UTF-8, space as `+`). */
export function encodeForm(params: NormalizedParams): string {
  return new URLSearchParams(params).toString();
}

/** Appends a query string to a URL that may already have one. */
export function withQuery(url: string, query: string): string {
  if (query === '') return url;
  return url + (url.includes('?') ? '&' : '?') + query;
}

/** A field as text: the gateways send codes as numbers or strings. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The verbs of read APIs: alibaba.item.get, item_search_shop, product.list, *.query …
const READ_VERBS = new Set(['get', 'search', 'query', 'list', 'find', 'count', 'detail', 'info', 'batchget']);

/** True when one of the name's words (split on `.`, `_`, `/`, `-`) is a read verb. */
export function looksLikeRead(apiName: string): boolean {
  for (const word of apiName.toLowerCase().split(/[./_-]/)) if (READ_VERBS.has(word)) return true;
  return false;
}

/** Ensures a base URL ends with `/` so that paths can be appended. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
