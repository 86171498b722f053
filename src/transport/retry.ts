/**
 * Retry policy maths: which failures may be repeated, how long to wait (exponential backoff with full
 * jitter, or the server's own `Retry-After` / ban length), and when to move to a backup URL.
 *
 * Every TOP call is a POST, so the HTTP method says nothing about safety: whether a failed call may be
 * repeated comes from the API. Reads may be repeated after any retryable failure; anything else only
 * after a failure that proves the request was not processed (nothing delivered, 429, rate-limit codes).
 */
import { AbortError, NetworkError, type OpenApiError, RateLimitError, TimeoutError } from '../errors.js';
import { NOT_DELIVERED_CODES } from './delivery.js';

/** How often and how far apart a failed call is repeated. */
export interface RetryPolicy {
  /** Repetitions after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, minDelayMs: 100, maxDelayMs: 5_000 };
export const NO_RETRY: RetryPolicy = { retries: 0, minDelayMs: 0, maxDelayMs: 0 };

/**
 * Full jitter (AWS architecture blog): uniform in [0, min(max, min · 2^(n-1))] after the n-th failure.
 * Spreads synchronized clients apart better than equal or decorrelated jitter.
 */
export function backoffMs(policy: RetryPolicy, failedAttempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** True when the failure proves that the server did not process the request. */
export function provesNotProcessed(error: OpenApiError): boolean {
  if (error instanceof NetworkError) return error.code !== undefined && NOT_DELIVERED_CODES.has(error.code);
  if (error instanceof RateLimitError) return true;
  return error.httpStatus === 429;
}

/** Whether this failure may be repeated for an API that is (or is not) known to be safe to repeat. */
export function mayRetry(error: OpenApiError, idempotent: boolean): boolean {
  if (error instanceof AbortError) return false;
  if (error instanceof RateLimitError && error.local) return false;
  if (!error.retryable) return false;
  return idempotent || provesNotProcessed(error);
}

/** The primary (or current) URL looks down: try the next one. */
export function shouldFailover(error: OpenApiError): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  return error.httpStatus !== undefined && error.httpStatus >= 500;
}
