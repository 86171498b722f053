/**
 * A transport's failure as one of our errors. Whatever a transport throws (our `TransportError`, or
 * anything from a user's transport) becomes `TimeoutError`, `AbortError`, `ResponseError` or
 * `NetworkError`, with its text redacted and the redacted request attached, never the raw request.
 */
import {
  AbortError,
  NetworkError,
  ResponseError,
  TimeoutError,
  type Dialect,
  type OpenApiError,
  type RedactedRequest,
} from '../errors.js';
import { TransportError } from '../transport/transport.js';

/** Where an attempt failed: never the raw request. */
export interface AttemptContext {
  dialect: Dialect;
  apiName: string;
  request: RedactedRequest;
  /** Masks credentials (the attempt's signature included) in any text. */
  redact: (text: string) => string;
}

export function fromTransportFailure(thrown: unknown, context: AttemptContext): OpenApiError {
  const base = { dialect: context.dialect, apiName: context.apiName, request: context.request };
  const name = context.apiName;
  if (!(thrown instanceof TransportError)) {
    const text = context.redact(thrown instanceof Error ? thrown.message : String(thrown));
    const code = (thrown as { code?: unknown } | null)?.code;
    return new NetworkError({
      ...base,
      message: `${name}: the transport failed (${text})`,
      code: typeof code === 'string' ? code : 'network-error',
      retryable: true,
    });
  }
  const text = context.redact(thrown.message);
  switch (thrown.failure) {
    case 'timeout':
      return new TimeoutError({ ...base, message: `${name}: ${text}`, code: 'ETIMEDOUT', retryable: true });
    case 'aborted':
      return new AbortError({ ...base, message: `${name}: aborted by the caller`, code: 'ABORT_ERR' });
    case 'too-large':
      return new ResponseError({ ...base, message: `${name}: ${text}`, code: 'body-too-large' });
    case 'network':
      return new NetworkError({
        ...base,
        message: `${name}: ${text}`,
        code: thrown.code ?? 'network-error',
        retryable: true,
      });
  }
}
