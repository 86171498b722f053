/**
 * The typed error hierarchy. Every failure that leaves the SDK is an `OpenApiError` subclass with
 * fields, never a bare string or a raw axios error.
 *
 * Secrets never reach these objects: callers pass only redacted request descriptions, and a
 * `cause` that is not one of ours is reduced to its name, code and message (which the transport
 * redacts first), so that `JSON.stringify`, `util.inspect` and `.stack` cannot leak a raw request.
 */

/** The three gateways this SDK speaks: TOP (Taobao Open Platform), AOP (1688 open platform), OneBound. */
export const DIALECTS = ['top', 'aop', 'onebound'] as const;
/** One of `DIALECTS`. */
export type Dialect = (typeof DIALECTS)[number];

/** What an error may say about the request that failed: no values, only names. */
export interface RedactedRequest {
  method: 'GET' | 'POST';
  /** The URL without a query string and without credentials in the path. */
  url: string;
  /** Parameter names that were sent (values are never kept). */
  paramNames: string[];
}

/** What every error constructor takes: an English message and the fields the gateway gave. */
export interface OpenApiErrorInit {
  /** An English sentence; the server's own text goes in `serverMessage` and is appended verbatim. */
  message: string;
  code?: string | undefined;
  subCode?: string | undefined;
  serverMessage?: string | undefined;
  subMessage?: string | undefined;
  requestId?: string | undefined;
  dialect?: Dialect | undefined;
  apiName?: string | undefined;
  httpStatus?: number | undefined;
  retryable?: boolean | undefined;
  attempts?: number | undefined;
  request?: RedactedRequest | undefined;
  cause?: unknown;
}

// A registry-wide symbol, so that the ESM and the CJS builds (two copies of every class) recognise
// each other's errors with `instanceof`.
const KINDS = Symbol.for('open1688.errorKinds');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Reduces a foreign cause to name/code/message: an axios error would otherwise carry its config. */
function safeCause(cause: unknown): unknown {
  if (cause === undefined || cause instanceof OpenApiError) return cause;
  if (cause instanceof Error) {
    const reduced = new Error(cause.message);
    reduced.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (reduced as Error & { code?: string }).code = code;
    reduced.stack = `${reduced.name}: ${reduced.message}`;
    return reduced;
  }
  return String(cause);
}

function composeMessage(init: OpenApiErrorInit): string {
  const server = [init.serverMessage, init.subMessage].filter((part) => part !== undefined && part !== '');
  return server.length === 0 ? init.message : `${init.message} (server said: ${server.join(' / ')})`;
}

/** The base of every error the SDK throws: the gateway's code and message, the API, and whether a retry can help. */
export class OpenApiError extends Error {
  /** The name used by `instanceof` across builds; each subclass sets its own. */
  static readonly kind: string = 'OpenApiError';

  readonly code: string | undefined;
  readonly subCode: string | undefined;
  /** The server's own message (`msg`, `error_message`, `reason`), verbatim. */
  readonly serverMessage: string | undefined;
  /** The server's own sub-message (`sub_msg`), verbatim. */
  readonly subMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly dialect: Dialect | undefined;
  readonly apiName: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  attempts: number;
  readonly request: RedactedRequest | undefined;
  declare readonly [KINDS]: readonly string[];

  /** `instanceof` that also recognises errors from the other build (ESM vs CJS) by their kind. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  constructor(init: OpenApiErrorInit) {
    super(composeMessage(init), { cause: safeCause(init.cause) });
    this.name = new.target.name;
    this.code = init.code;
    this.subCode = init.subCode;
    this.serverMessage = init.serverMessage;
    this.subMessage = init.subMessage;
    this.requestId = init.requestId;
    this.dialect = init.dialect;
    this.apiName = init.apiName;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? false;
    this.attempts = init.attempts ?? 0;
    this.request = init.request;
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target), enumerable: false });
  }

  /** The redacted view: the same fields that `util.inspect` shows. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : this.cause;
    return dropUndefined({
      name: this.name,
      message: this.message,
      code: this.code,
      subCode: this.subCode,
      serverMessage: this.serverMessage,
      subMessage: this.subMessage,
      requestId: this.requestId,
      dialect: this.dialect,
      apiName: this.apiName,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      attempts: this.attempts,
      request: this.request,
      cause,
      ...this.extraFields(),
    });
  }

  /** Fields a subclass adds to its JSON view. */
  protected extraFields(): Record<string, unknown> {
    return {};
  }

  /** What `util.inspect` and `console.log` print: the stack and the redacted fields. */
  [INSPECT](): string {
    return `${this.stack ?? this.message}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = [];
  for (let c = ctor as { kind?: string } | null; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.prototype.hasOwnProperty.call(c, 'kind') && typeof c.kind === 'string') kinds.push(c.kind);
  }
  return kinds;
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The app key is unknown, missing or disabled, or the access token / session is invalid. */
export class AuthenticationError extends OpenApiError {
  static override readonly kind: string = 'AuthenticationError';
}

/** The gateway computed a different signature: compare canonical strings with `open1688 sign`. */
export class SignatureError extends OpenApiError {
  static override readonly kind: string = 'SignatureError';
}

/** The timestamp was missing, malformed or too far from the gateway's clock. */
export class TimestampError extends OpenApiError {
  static override readonly kind: string = 'TimestampError';
}

/** The app or user may not call this API (ACL, IP whitelist, missing authorisation). */
export class PermissionError extends OpenApiError {
  static override readonly kind: string = 'PermissionError';
}

/** The constructor input of `RateLimitError`: the common fields plus the wait. */
export interface RateLimitErrorInit extends OpenApiErrorInit {
  /** How long the gateway (or our own limiter) asks us to wait, when known. */
  retryAfterMs?: number | undefined;
  /** True when our own limiter refused the call before sending it (queue full). */
  local?: boolean | undefined;
}

/** Too many calls for now: wait `retryAfterMs` and try again. */
export class RateLimitError extends OpenApiError {
  static override readonly kind: string = 'RateLimitError';
  readonly retryAfterMs: number | undefined;
  readonly local: boolean;
  constructor(init: RateLimitErrorInit) {
    super({ retryable: true, ...init });
    this.retryAfterMs = init.retryAfterMs;
    this.local = init.local ?? false;
  }
  protected override extraFields(): Record<string, unknown> {
    return { retryAfterMs: this.retryAfterMs, local: this.local };
  }
}

/** A daily or total quota (calls, balance) is used up: waiting a moment does not help. */
export class QuotaExceededError extends OpenApiError {
  static override readonly kind: string = 'QuotaExceededError';
}

/** The request is wrong: rejected by our own validation before sending, or by the gateway. */
export class InvalidRequestError extends OpenApiError {
  static override readonly kind: string = 'InvalidRequestError';
}

/** The item, shop or API does not exist. */
export class NotFoundError extends OpenApiError {
  static override readonly kind: string = 'NotFoundError';
}

/** The platform failed (5xx, `isp.*`, remote service error); usually worth retrying. */
export class ServiceError extends OpenApiError {
  static override readonly kind: string = 'ServiceError';
}

/** The request could not be delivered or the connection broke. */
export class NetworkError extends OpenApiError {
  static override readonly kind: string = 'NetworkError';
}

/** The call did not finish within its deadline. */
export class TimeoutError extends OpenApiError {
  static override readonly kind: string = 'TimeoutError';
}

/** The caller aborted the call through its `AbortSignal`; never retried. */
export class AbortError extends OpenApiError {
  static override readonly kind: string = 'AbortError';
}

/** The body was malformed, not JSON, too large, or not of the expected shape. */
export class ResponseError extends OpenApiError {
  static override readonly kind: string = 'ResponseError';
}

/** Shorthand for the validation failures raised before anything is sent. */
export function invalidRequest(message: string, cause?: unknown): InvalidRequestError {
  return new InvalidRequestError({ message, code: 'invalid-request', cause });
}

/** A subclass constructor, as the dialect code tables name them. */
export type OpenApiErrorClass = new (init: OpenApiErrorInit) => OpenApiError;
