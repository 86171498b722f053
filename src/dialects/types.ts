/** The contract every dialect fulfils: build a signed request, read an envelope or throw a typed error. */
import type { Dialect, RedactedRequest } from '../errors.js';
import type { TopSignMethod } from '../signing/index.js';
import type { NormalizedParams } from '../signing/normalize.js';

export type HttpMethod = 'GET' | 'POST';

/** The credentials and per-client settings a dialect signs with. */
export interface DialectCredentials {
  appKey: string;
  appSecret: string;
  signMethod: TopSignMethod;
  session?: string | undefined;
  lang?: string | undefined;
  cache?: boolean | undefined;
}

export interface BuildInput {
  apiName: string;
  params: NormalizedParams;
  baseUrl: string;
  httpMethod: HttpMethod;
  /** The corrected clock, read once per attempt: every attempt gets a fresh timestamp and signature. */
  nowMs: number;
  beijingTimestamp: string;
  accessToken?: string | undefined;
  /** TOP: the call's own session, over the client's. */
  session?: string | undefined;
}

/** What goes on the wire. `url` already carries the query string for GET. */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  /** `application/x-www-form-urlencoded` body for POST. */
  body?: string | undefined;
  /** Every parameter sent (values included): for redaction only, never logged. */
  params: NormalizedParams;
  /** The signature sent, so that redaction can mask it wherever it might reappear. */
  signature?: string | undefined;
  redacted: RedactedRequest;
}

export interface ReadInput {
  apiName: string;
  httpStatus: number;
  body: unknown;
  headers: Readonly<Record<string, string | undefined>>;
  request: RedactedRequest;
  /** Masks credentials in server text before it goes into an error. */
  redact: (text: string) => string;
}

export interface DialectAdapter {
  readonly name: Dialect;
  /** TOP and AOP are POST by design; OneBound documents GET. */
  readonly defaultMethod: HttpMethod;
  /** Throws `InvalidRequestError` when the name cannot address an API of this gateway. */
  validateApiName(apiName: string): void;
  build(input: BuildInput): PreparedRequest;
  /** The unwrapped payload, or a thrown `OpenApiError`. */
  read(input: ReadInput): unknown;
  /** Whether the API only reads, so that repeating it after an unclear failure is harmless. */
  isRead(apiName: string): boolean;
}
