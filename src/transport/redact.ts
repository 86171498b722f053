/**
 * Redaction: the app secret, OneBound's `secret`, signatures, access / refresh tokens and TOP
 * sessions never leave the client. Errors, log lines and hook payloads carry a `RedactedRequest`
 * (method, URL without query, parameter names) and text that went through `Redactor.text`.
 */
import type { RedactedRequest } from '../errors.js';

/** Parameter names whose values are credentials. Their names may be shown, never their values. */
export const SENSITIVE_PARAMS: ReadonlySet<string> = new Set([
  'secret',
  'app_secret',
  'client_secret',
  'sign',
  '_aop_signature',
  'access_token',
  'refresh_token',
  'session',
  'code',
]);

export const REDACTED = '[redacted]';

// Shorter values would mask ordinary words; credentials are never this short in practice.
const MIN_SECRET_LENGTH = 4;

/** Masks known credential values in any text: static ones of the client plus per-attempt ones. */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(values: Iterable<string | undefined> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string | undefined): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  /** The text with every known credential (and its URL-encoded form) replaced. */
  text(input: string, extra?: readonly (string | undefined)[]): string {
    let out = input;
    const values = extra ? [...this.secrets, ...extra] : [...this.secrets];
    for (const value of values.sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0))) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      if (out.includes(value)) out = out.split(value).join(REDACTED);
      const encoded = encodeURIComponent(value);
      if (encoded !== value && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
    }
    return out;
  }
}

/** The URL without its query string, fragment, user info, and with OneBound-style credentials gone. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.split(/[?#]/, 1)[0] ?? '';
  }
}

// Base URLs repeat call after call: parsing each once keeps `new URL` off the hot path.
const redactedUrls = new Map<string, string>();

function redactUrlCached(url: string): string {
  let redacted = redactedUrls.get(url);
  if (redacted === undefined) {
    redacted = redactUrl(url);
    if (redactedUrls.size >= 512) redactedUrls.clear();
    redactedUrls.set(url, redacted);
  }
  return redacted;
}

export function describeRequest(
  method: 'GET' | 'POST',
  url: string,
  params: Readonly<Record<string, unknown>>,
): RedactedRequest {
  return { method, url: redactUrlCached(url), paramNames: Object.keys(params).sort() };
}

/** A short snippet of a body for an error message: credentials masked, whitespace squeezed. */
export function snippet(body: string, redactor: Redactor, extra?: readonly (string | undefined)[], max = 120): string {
  // Mask before cutting, with room to spare, so that a credential across the cut is still masked whole.
  const masked = redactor
    .text(body.slice(0, max * 4 + 1024), extra)
    .replace(/\s+/g, ' ')
    .trim();
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

/** Parameters with credential values masked, for debug logs. */
export function redactParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params)) out[key] = SENSITIVE_PARAMS.has(key) ? REDACTED : (params[key] as string);
  return out;
}
