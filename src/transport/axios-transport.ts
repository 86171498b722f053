/**
 * The axios transport: the default before undici, and still the one for a client given Node agents
 * (`httpAgent` / `httpsAgent`, which undici cannot use). One axios instance per client, with
 * keep-alive agents. Two axios defaults are replaced on purpose: its `timeout` only measures socket
 * inactivity (a server that trickles bytes never trips it), so every attempt gets a total deadline
 * through an `AbortController`; and its JSON parsing silently returns a string on bad JSON, so the
 * body is taken as text and parsed by the client. Axios errors never leave this file: they become
 * `TransportError`s carrying only a code and axios's message (no config, no URL).
 *
 * A server may close an idle keep-alive connection at the moment we reuse it (it closed after its
 * last answer; its FIN was still on the way). The request then meets ECONNRESET / EPIPE / "socket
 * hang up" before any byte of an answer, and was never read: Node marks such a request
 * `reusedSocket`, and its documentation advises sending it again. This transport does so once, on
 * a new connection (through the caller's agent when there is one), for reads and writes alike; any
 * other failure is the client's to judge.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { withAttemptDeadline } from './attempt-deadline.js';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportSendOptions,
} from './transport.js';

/** The settings of the default transport. */
export interface AxiosTransportOptions {
  /** The largest request or response body, in bytes. */
  maxBodyBytes: number;
  userAgent: string;
  /** The caller's agents (theirs to destroy); keep-alive agents of the transport's own otherwise. */
  httpAgent?: http.Agent | undefined;
  httpsAgent?: http.Agent | undefined;
}

const FORM = 'application/x-www-form-urlencoded;charset=utf-8';

/** The headers the client reads from an answer. */
const READ_HEADERS = ['date', 'retry-after', 'x-request-id'] as const;

export class AxiosTransport implements Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: http.Agent;
  /** For the one repeat after a reused socket was found closed: a connection of its own. */
  private readonly freshAgents: { httpAgent: http.Agent; httpsAgent: http.Agent };
  /** The agents this transport made, destroyed by `close`. */
  private readonly own: http.Agent[] = [];
  private readonly axios: AxiosInstance;

  constructor(options: AxiosTransportOptions) {
    const made = <A extends http.Agent>(agent: A): A => (this.own.push(agent), agent);
    this.httpAgent = options.httpAgent ?? made(new http.Agent({ keepAlive: true, scheduling: 'lifo' }));
    this.httpsAgent = options.httpsAgent ?? made(new https.Agent({ keepAlive: true, scheduling: 'lifo' }));
    this.freshAgents = {
      httpAgent: options.httpAgent ?? made(new http.Agent()),
      httpsAgent: options.httpsAgent ?? made(new https.Agent()),
    };
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

  send(request: TransportRequest, options: TransportSendOptions): Promise<TransportResponse> {
    return withAttemptDeadline(options, (signal) => this.exchange(request, signal), fromAxiosError);
  }

  private async exchange(request: TransportRequest, signal: AbortSignal): Promise<TransportResponse> {
    const response = await this.request(request, signal, false).catch((error: unknown) => {
      if (!closedIdleSocket(error) || signal.aborted) throw error;
      return this.request(request, signal, true);
    });
    const raw = response.headers as Record<string, unknown>;
    const headers: Record<string, string | undefined> = {};
    for (const name of READ_HEADERS) headers[name] = headerText(raw[name]);
    return {
      status: response.status,
      headers,
      body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
    };
  }

  private request(request: TransportRequest, signal: AbortSignal, fresh: boolean) {
    return this.axios.request<string>({
      method: request.method,
      url: request.url,
      data: request.body,
      headers: request.body === undefined ? request.headers : { 'Content-Type': FORM, ...request.headers },
      signal,
      ...(fresh ? this.freshAgents : {}),
    });
  }

  /** Closes the sockets of its own agents (not the caller's); the transport is unusable afterwards. */
  close(): void {
    for (const agent of this.own) agent.destroy();
  }
}

/**
 * A reset on a reused keep-alive socket before any byte of the answer: the request was not read.
 * Axios keeps Node's ClientRequest (`request.reusedSocket`) on the errors of the request itself;
 * a connection cut during the answer has a response, or axios's ERR_BAD_RESPONSE code.
 */
function closedIdleSocket(error: unknown): boolean {
  const raw = error as { code?: unknown; request?: { reusedSocket?: unknown } | null; response?: unknown } | null;
  return (
    raw?.request?.reusedSocket === true &&
    raw.response === undefined &&
    (raw.code === 'ECONNRESET' || raw.code === 'EPIPE')
  );
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** An axios (or socket) error as a `TransportError`: its code and message only. */
function fromAxiosError(error: unknown): TransportError {
  const raw = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof raw.code === 'string' ? raw.code : typeof raw.cause?.code === 'string' ? raw.cause.code : undefined;
  const message = typeof raw.message === 'string' ? raw.message : String(error);
  if (/maxContentLength/i.test(message) || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
    return new TransportError('too-large', `the body is larger than allowed (${message})`, 'body-too-large');
  }
  // axios reports a connection cut mid-answer as ERR_BAD_RESPONSE "stream has been aborted".
  if (/aborted|socket hang up/i.test(message) && (code === undefined || code === 'ERR_BAD_RESPONSE')) {
    return new TransportError('network', `the connection broke (${message})`, 'ECONNRESET');
  }
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return new TransportError('timeout', message, 'ETIMEDOUT');
  return new TransportError('network', `the request could not complete (${message})`, code);
}
