/**
 * The default transport, on undici (the HTTP/1.1 client maintained by the Node.js project, the one
 * behind Node's own fetch): pooled keep-alive connections and far less work per request than axios
 * (no config merging, interceptor chain or follow-redirects wrapper; see bench/RESULTS.md for the
 * profile that chose it). It keeps what the axios transport guaranteed:
 * - every attempt has a total deadline (an AbortController timer), not a socket-inactivity timeout;
 * - the answer is read as text within `maxBodyBytes`, decoded from gzip / deflate / br (read-body.ts);
 * - redirects are never followed (undici's `request` does not), so credentials go nowhere else;
 * - a reset on a connection that already existed when the attempt began, before any byte of the
 *   answer, means the server closed it idle and never read the request: it is sent once more on a
 *   new connection (socket-ledger.ts tells which connection it was);
 * - failures become `TransportError`s with a code and a message without URL, body or proxy credentials.
 * Proxies: the dispatcher is made by default-transport.ts (direct, or through the proxies that
 * proxy-settings.ts chose), with a twin that opens a new connection per request for the one repeat.
 */
import type { Dispatcher } from 'undici';
import { withAttemptDeadline } from './attempt-deadline.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { SocketLedger } from './socket-ledger.js';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportSendOptions,
} from './transport.js';

/** Makes the dispatcher: `fresh` ones open a new connection for each request (no keep-alive). */
export type DispatcherFactory = (settings: { fresh: boolean; factory: SocketLedger['factory'] }) => Dispatcher;

/** The settings of the undici transport. */
export interface UndiciTransportOptions {
  /** The largest request or response body (after decoding), in bytes. */
  maxBodyBytes: number;
  userAgent: string;
  /** Makes the dispatcher (plain or through a proxy). */
  dispatcher: DispatcherFactory;
}

const FORM = 'application/x-www-form-urlencoded;charset=utf-8';
/** Failures that can mean a reused connection was closed under the request before it was read. */
const CLOSED_UNDER_US = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export class UndiciTransport implements Transport {
  private readonly ledger = new SocketLedger();
  private readonly pooled: Dispatcher;
  /** For the one repeat after a reused connection was found closed: made when first needed. */
  private fresh: Dispatcher | undefined;
  private readonly getHeaders: Record<string, string>;
  private readonly postHeaders: Record<string, string>;

  constructor(private readonly options: UndiciTransportOptions) {
    this.pooled = options.dispatcher({ fresh: false, factory: this.ledger.factory });
    this.getHeaders = {
      'user-agent': options.userAgent,
      accept: 'application/json',
      'accept-encoding': ACCEPT_ENCODING,
    };
    this.postHeaders = { ...this.getHeaders, 'content-type': FORM };
  }

  send(request: TransportRequest, options: TransportSendOptions): Promise<TransportResponse> {
    return withAttemptDeadline(options, (signal) => this.exchange(request, signal), fromUndiciError);
  }

  private async exchange(request: TransportRequest, signal: AbortSignal): Promise<TransportResponse> {
    const startedAt = performance.now();
    const answer = await this.dispatch(this.pooled, request, signal).catch((error: unknown) => {
      if (!this.closedIdle(error, startedAt) || signal.aborted) throw error;
      this.fresh ??= this.options.dispatcher({ fresh: true, factory: this.ledger.factory });
      return this.dispatch(this.fresh, request, signal);
    });
    const { headers } = answer;
    const body = await readBody(answer.body, headerText(headers['content-encoding']), this.options.maxBodyBytes);
    return {
      status: answer.statusCode,
      headers: {
        date: headerText(headers.date),
        'retry-after': headerText(headers['retry-after']),
        'x-request-id': headerText(headers['x-request-id']),
      },
      body,
    };
  }

  private dispatch(dispatcher: Dispatcher, request: TransportRequest, signal: AbortSignal) {
    const { origin, path } = splitUrl(request.url);
    const base = request.body === undefined ? this.getHeaders : this.postHeaders;
    return dispatcher.request({
      origin,
      path,
      method: request.method,
      headers: request.headers === undefined ? base : { ...base, ...lowerCased(request.headers) },
      body: request.body,
      signal,
      // The attempt's own timer bounds the whole exchange; undici's per-phase timers would only add work.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** The request failed before any answer, on a connection that was there before this attempt began. */
  private closedIdle(error: unknown, startedAt: number): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !CLOSED_UNDER_US.has(code)) return false;
    const connectedAt = this.ledger.connectedAt(error);
    return connectedAt !== undefined && connectedAt < startedAt;
  }

  /** Closes every connection; the transport is unusable afterwards. */
  async close(): Promise<void> {
    await Promise.all([this.pooled.destroy(), this.fresh?.destroy()]);
  }
}

/** `http://host:port/path?query` as undici's origin and path, without the cost of `new URL` per attempt. */
function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  if (slash < 0) return { origin: url, path: '/' };
  return { origin: url.slice(0, slash), path: url.slice(slash) };
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An undici (or socket) error as a `TransportError`: its code and message only. */
function fromUndiciError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const raw = error as { code?: unknown; message?: unknown } | null;
  const code = typeof raw?.code === 'string' ? raw.code : undefined;
  const message = typeof raw?.message === 'string' ? raw.message : String(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TransportError('timeout', `the connection could not be opened in time (${message})`, 'ETIMEDOUT');
    case 'UND_ERR_SOCKET':
      return new TransportError('network', `the connection broke (${message})`, 'ECONNRESET');
    default:
      // Not our abort (that is answered above): a proxy that refused the request or the tunnel (407 …).
      if ((code === 'UND_ERR_ABORTED' || code === 'UND_ERR_INVALID_ARG') && /proxy/i.test(message))
        return new TransportError('network', `the proxy refused the request (${message})`, 'proxy-refused');
      return new TransportError('network', `the request could not complete (${message})`, code);
  }
}
