/**
 * Redaction: the app secret, OneBound's `secret`, signatures, access / refresh tokens, TOP sessions
 * and OAuth codes never leave the client. Errors, log lines and hook payloads carry a
 * `RedactedRequest` (method, URL without query, parameter names) and text that went through
 * `Redactor.text`: every known credential masked in every form it can take on the way back
 * (secret-forms.ts), then whatever stands next to a credential's name (sensitive-keys.ts).
 */
import type { RedactedRequest } from '../errors.js';
import { secretForms } from './secret-forms.js';
import { maskSensitiveKeys, REDACTED } from './sensitive-keys.js';

export { REDACTED } from './sensitive-keys.js';

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

// Shorter values would mask ordinary words; credentials are never this short in practice.
const MIN_SECRET_LENGTH = 4;

/** Masks credentials in any text: the client's own, per-attempt ones, and any value next to a credential's name. */
export class Redactor {
  /** Each known credential with its forms. */
  private readonly forms = new Map<string, readonly string[]>();
  /** Every form of every known credential, longest first. */
  private sorted: readonly string[] = [];
  private longest = 0;

  constructor(values: Iterable<string | undefined> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.forms.has(value)) return;
    const forms = secretForms(value);
    this.forms.set(value, forms);
    this.sorted = byLength([...this.forms.values()].flat());
    this.longest = this.sorted[0]?.length ?? 0;
  }

  /** Whether `value` is masked already (a credential the client holds), so need not be passed as extra. */
  knows(value: string): boolean {
    return this.forms.has(value);
  }

  /** The longest form of a known credential: text cut this close to its end may hold part of one. */
  get longestForm(): number {
    return this.longest;
  }

  /** The text with every known credential (in each of its forms) and every value of a credential key masked. */
  text(input: string, extra?: readonly (string | undefined)[]): string {
    let forms = this.sorted;
    for (const value of extra ?? []) {
      if (value !== undefined && value.length >= MIN_SECRET_LENGTH) forms = byLength([...forms, ...secretForms(value)]);
    }
    let out = input;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return maskSensitiveKeys(out, SENSITIVE_PARAMS);
  }
}

function byLength(forms: string[]): string[] {
  return forms.sort((a, b) => b.length - a.length);
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
  // Mask before cutting, with room to spare, so that a credential across the cut is still masked
  // whole; and a body cut for masking loses its last characters, where part of one may sit.
  const window = max * 4 + 1024;
  let masked = redactor.text(body.slice(0, window), extra);
  if (body.length > window) {
    const longest = Math.max(redactor.longestForm, ...(extra ?? []).map((value) => value?.length ?? 0));
    masked = masked.slice(0, Math.max(0, masked.length - longest));
  }
  masked = masked.replace(/\s+/g, ' ').trim();
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

/** Parameters with credential values masked, for debug logs. */
export function redactParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params)) out[key] = SENSITIVE_PARAMS.has(key) ? REDACTED : (params[key] as string);
  return out;
}
