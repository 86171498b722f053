/**
 * A transport that never opens a socket: each request is answered by a script, and every request is
 * kept (method, URL path, parameters from the query and the form body) for the test to inspect.
 */
import { OpenClient, type ClientOptions } from '../../src/index';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportSendOptions,
} from '../../src/transport/transport';

export interface SentRequest {
  method: string;
  url: string;
  path: string;
  params: Record<string, string>;
  timeoutMs: number;
  /** The extra headers the client asked for (hooks.headers, trace context). */
  headers: Readonly<Record<string, string>> | undefined;
  /** When the request was handed to the transport (Date.now()). */
  atMs: number;
}

/** Answers request number `index` (0-based): a response, or a thrown error for "no answer". */
export type Script = (
  request: SentRequest,
  index: number,
  options: TransportSendOptions,
) => TransportResponse | Promise<TransportResponse>;

export class MemoryTransport implements Transport {
  readonly sent: SentRequest[] = [];
  closed = 0;

  constructor(private readonly script: Script) {}

  async send(request: TransportRequest, options: TransportSendOptions): Promise<TransportResponse> {
    const url = new URL(request.url);
    const params = {
      ...Object.fromEntries(url.searchParams),
      ...Object.fromEntries(new URLSearchParams(request.body ?? '')),
    };
    const sent = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      params,
      timeoutMs: options.timeoutMs,
      headers: request.headers,
      atMs: Date.now(),
    };
    this.sent.push(sent);
    return this.script(sent, this.sent.length - 1, options);
  }

  close(): void {
    this.closed += 1;
  }
}

/** A JSON answer. */
export function reply(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** No answer: fails as a transport must, at its timeout or when the caller aborts. */
export function hang(options: TransportSendOptions): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new TransportError('timeout', `no complete answer within ${options.timeoutMs} ms`, 'ETIMEDOUT')),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new TransportError('aborted', 'aborted by the caller', 'ABORT_ERR'));
    });
  });
}

/** An OpenClient of a TOP test app on a MemoryTransport (no limits, no environment); `extra` overrides. */
export function memoryClient(
  script: Script,
  extra: Partial<ClientOptions> = {},
): { client: OpenClient; transport: MemoryTransport } {
  const transport = new MemoryTransport(script);
  const client = new OpenClient({
    dialect: 'top',
    appKey: '10000001',
    appSecret: 'memory-secret-0123',
    baseUrl: 'http://primary.test/router/rest',
    limits: false,
    transport,
    ...extra,
  });
  return { client, transport };
}
