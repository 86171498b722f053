import fc from 'fast-check';
import {
  AbortError,
  NetworkError,
  OpenApiError,
  RateLimitError,
  ServiceError,
  SignatureError,
  TimeoutError,
} from '../../src/errors';
import { backoffMs, mayRetry, parseRetryAfter, provesNotProcessed, shouldFailover } from '../../src/transport/retry';

const policy = { retries: 3, minDelayMs: 100, maxDelayMs: 2_000 };

describe('backoff with full jitter', () => {
  it('stays within [0, min(max, min·2^(n-1))]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const delay = backoffMs(policy, n, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(2_000, 100 * 2 ** (n - 1)));
      }),
    );
  });

  it('doubles the ceiling each failure until the cap', () => {
    const top = (n: number) => backoffMs(policy, n, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([99, 199, 399, 799, 1599, 1999]);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('what may be repeated', () => {
  const refused = new NetworkError({ message: 'x', code: 'ECONNREFUSED', retryable: true });
  const reset = new NetworkError({ message: 'x', code: 'ECONNRESET', retryable: true });
  const timeout = new TimeoutError({ message: 'x', retryable: true });
  const http5xx = new ServiceError({ message: 'x', httpStatus: 502, retryable: true });
  const http429 = new RateLimitError({ message: 'x', httpStatus: 429 });
  const limited = new RateLimitError({ message: 'x', code: '7' });
  const local = new RateLimitError({ message: 'x', local: true });
  const signature = new SignatureError({ message: 'x' });
  const aborted = new AbortError({ message: 'x' });

  it('repeats any retryable failure of a read', () => {
    for (const error of [refused, reset, timeout, http5xx, http429, limited]) expect(mayRetry(error, true)).toBe(true);
  });

  it('repeats a non-read only when the failure proves it was not processed', () => {
    expect([refused, http429, limited].map((e) => mayRetry(e, false))).toEqual([true, true, true]);
    expect([reset, timeout, http5xx].map((e) => mayRetry(e, false))).toEqual([false, false, false]);
    expect(provesNotProcessed(reset)).toBe(false);
  });

  it('never repeats signature errors, aborts or our own queue refusals', () => {
    for (const error of [signature, aborted, local]) expect(mayRetry(error, true)).toBe(false);
    expect(mayRetry(new OpenApiError({ message: 'x' }), true)).toBe(false);
  });

  it('fails over on network errors, timeouts and 5xx only', () => {
    expect([refused, timeout, http5xx].every(shouldFailover)).toBe(true);
    expect([http429, signature].some(shouldFailover)).toBe(false);
  });
});
