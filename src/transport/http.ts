/**
 * One axios instance per client, with keep-alive agents. Two axios defaults are replaced on purpose:
 * its `timeout` only measures socket inactivity (a server that trickles bytes never trips it), so
 * every attempt gets a total deadline through an `AbortController`; and its JSON parsing silently
 * returns a string on bad JSON, so the body is taken as text and parsed by the caller.
 * Axios errors never leave this file: they become `NetworkError`, `TimeoutError`, `AbortError` or
 * `ResponseError` with a redacted message.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import {
  AbortError,
  NetworkError,
  ResponseError,
  TimeoutError,
  type Dialect,
  type RedactedRequest,
} from '../errors.js';
import type { PreparedRequest } from '../dialects/types.js';

export interface HttpResponse {
  status: number;
  /** Only the headers the client reads, lower-cased. */
  headers: { date?: string | undefined; 'retry-after'?: string | undefined; 'x-request-id'?: string | undefined };
  body: string;
  sentAtMs: number;
  receivedAtMs: number;
}

export interface SendOptions {
  /** Total time for this attempt, connection to last byte. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Where a transport error is described from: never the raw request. */
export interface ErrorContext {
  dialect: Dialect;
  apiName: string;
  request: RedactedRequest;
  redact: (text: string) => string;
}

export interface HttpTransportOptions {
  maxBodyBytes: number;
  userAgent: string;
}

/** Error codes that prove the request never reached a server: safe to send again anywhere. */
export const NOT_DELIVERED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const FORM = 'application/x-www-form-urlencoded;charset=utf-8';

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, scheduling: 'lifo' });
  private readonly axios: AxiosInstance;

  constructor(options: HttpTransportOptions) {
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Any status is an answer for the dialect to read; redirects could carry credentials elsewhere.
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: options.maxBodyBytes,
      maxBodyLength: options.maxBodyBytes,
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      proxy: false,
    });
  }

  async send(request: PreparedRequest, options: SendOptions, context: ErrorContext): Promise<HttpResponse> {
    const { signal } = options;
    if (signal?.aborted) throw aborted(context);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const sentAtMs = Date.now();
    try {
      const response = await this.axios.request<string>({
        method: request.method,
        url: request.url,
        data: request.body,
        headers: request.body === undefined ? undefined : { 'Content-Type': FORM },
        signal: controller.signal,
      });
      const headers = response.headers as Record<string, unknown>;
      return {
        status: response.status,
        headers: {
          date: headerText(headers.date),
          'retry-after': headerText(headers['retry-after']),
          'x-request-id': headerText(headers['x-request-id']),
        },
        body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
        sentAtMs,
        receivedAtMs: Date.now(),
      };
    } catch (error) {
      if (timedOut) throw timeout(context, options.timeoutMs);
      if (signal?.aborted) throw aborted(context);
      throw fromAxiosError(error, context);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Closes idle keep-alive sockets; the client is unusable afterwards. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function timeout(context: ErrorContext, timeoutMs: number): TimeoutError {
  return new TimeoutError({
    message: `${context.apiName}: no complete answer within ${timeoutMs} ms`,
    code: 'ETIMEDOUT',
    dialect: context.dialect,
    apiName: context.apiName,
    request: context.request,
    retryable: true,
  });
}

function aborted(context: ErrorContext): AbortError {
  return new AbortError({
    message: `${context.apiName}: aborted by the caller`,
    code: 'ABORT_ERR',
    dialect: context.dialect,
    apiName: context.apiName,
    request: context.request,
  });
}

/** Turns an axios (or socket) error into one of ours, keeping only its code and a redacted message. */
function fromAxiosError(error: unknown, context: ErrorContext) {
  const raw = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof raw.code === 'string' ? raw.code : typeof raw.cause?.code === 'string' ? raw.cause.code : undefined;
  const message = context.redact(typeof raw.message === 'string' ? raw.message : String(error));
  const base = {
    dialect: context.dialect,
    apiName: context.apiName,
    request: context.request,
  };
  if (/maxContentLength/i.test(message) || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
    return new ResponseError({
      ...base,
      message: `${context.apiName}: the body is larger than allowed (${message})`,
      code: 'body-too-large',
    });
  }
  // axios reports a connection cut mid-answer as ERR_BAD_RESPONSE "stream has been aborted".
  if (/aborted|socket hang up/i.test(message) && (code === undefined || code === 'ERR_BAD_RESPONSE')) {
    return new NetworkError({
      ...base,
      message: `${context.apiName}: the connection broke (${message})`,
      code: 'ECONNRESET',
      retryable: true,
    });
  }
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    return new TimeoutError({ ...base, message: `${context.apiName}: ${message}`, code: 'ETIMEDOUT', retryable: true });
  }
  return new NetworkError({
    ...base,
    message: `${context.apiName}: the request could not complete (${message})`,
    code: code ?? 'network-error',
    retryable: true,
  });
}
