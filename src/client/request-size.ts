/**
 * The size check of a prepared request. A body over `maxBodyBytes` cannot be sent (the transport
 * would refuse it on every attempt, which the call loop used to read as a retryable network failure
 * and try four times): it is the caller's `InvalidRequestError`, raised before anything is sent.
 * A GET carries its parameters in the URL, so there the query string is what is measured.
 */
import type { PreparedRequest } from '../dialects/types.js';
import { InvalidRequestError, type Dialect } from '../errors.js';

/** Throws when the request cannot be sent within `maxBodyBytes`. */
export function assertRequestSize(
  prepared: PreparedRequest,
  limits: { maxBodyBytes: number; dialect: Dialect; apiName: string },
): void {
  const { maxBodyBytes, dialect, apiName } = limits;
  const { body, url } = prepared;
  const what = body === undefined ? 'query string' : 'body';
  const text = body ?? url.slice(url.indexOf('?') + 1);
  // Form encoding leaves ASCII only, so the length is the byte count; cheap enough for every attempt.
  if (text.length <= maxBodyBytes) return;
  throw new InvalidRequestError({
    message: `${apiName}: the request ${what} is ${text.length} bytes, more than maxBodyBytes (${maxBodyBytes})`,
    code: 'request-too-large',
    dialect,
    apiName,
  });
}
