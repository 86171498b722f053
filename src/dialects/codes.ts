/**
 * What a gateway code means to the caller: which error class, and whether repeating the call can
 * help. Each dialect has its own table; codes no table knows fall back to `OpenApiError` with
 * `retryable` derived from the HTTP status and the code's prefix.
 */
import {
  OpenApiError,
  RateLimitError,
  ServiceError,
  type OpenApiErrorClass,
  type OpenApiErrorInit,
  type RateLimitErrorInit,
} from '../errors.js';

export interface CodeRule {
  type: OpenApiErrorClass;
  retryable: boolean;
  /** A short English description, used when the server sends no message of its own. */
  meaning: string;
}

export function rule(type: OpenApiErrorClass, retryable: boolean, meaning: string): CodeRule {
  return { type, retryable, meaning };
}

/** The unknown-code rule: 5xx, 429 and `isp.*` are worth repeating; anything else is not. */
export function fallbackRule(httpStatus: number | undefined, code: string | undefined): CodeRule {
  const retryable =
    (httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429)) || (code?.startsWith('isp.') ?? false);
  return rule(OpenApiError, retryable, 'the gateway reported an error this SDK does not know');
}

/**
 * Builds the error of a rule; rate-limit errors also get their wait. `redact` masks credentials in
 * every field that holds the server's text (its code and sub-code too: a hostile server can put
 * anything there), and in the message, which quotes them.
 */
export function errorFromRule(
  found: CodeRule,
  init: Omit<OpenApiErrorInit, 'retryable'> & Pick<RateLimitErrorInit, 'retryAfterMs'>,
  redact?: (text: string) => string,
): OpenApiError {
  const full = { ...(redact === undefined ? init : redactServerText(init, redact)), retryable: found.retryable };
  if (found.type === RateLimitError) return new RateLimitError(full);
  return new found.type(full);
}

const SERVER_TEXT = ['message', 'code', 'subCode', 'serverMessage', 'subMessage', 'requestId'] as const;

function redactServerText<T extends OpenApiErrorInit>(init: T, redact: (text: string) => string): T {
  const out = { ...init };
  for (const field of SERVER_TEXT) {
    const value = out[field];
    if (typeof value === 'string') out[field] = redact(value);
  }
  return out;
}

/** The HTTP status alone, when the body carries no code (bare 5xx pages, 429 without a body). */
export function ruleForStatus(httpStatus: number): CodeRule | undefined {
  if (httpStatus === 429) return rule(RateLimitError, true, 'too many requests');
  if (httpStatus >= 500) return rule(ServiceError, true, 'the gateway failed');
  return undefined;
}
