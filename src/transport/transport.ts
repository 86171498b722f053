/**
 * The transport seam: the one place where a prepared request meets the network. The client signs
 * and prepares each attempt, hands it to `send`, and reads the answer itself; the transport knows
 * nothing of dialects, retries or credentials. The default is the undici transport; the `transport`
 * option of the client replaces it (a proxy-aware agent, undici, a recorder, or an in-memory
 * transport in tests).
 */

/** One attempt as it goes on the wire. `url` already carries the query string for GET. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  /** `application/x-www-form-urlencoded` body for POST. */
  body?: string | undefined;
  /** Extra request headers (the transport adds its own User-Agent, Accept and Content-Type). */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** What `send` is told besides the request. */
export interface TransportSendOptions {
  /** Total time for this attempt, connection to last byte. */
  timeoutMs: number;
  /** The caller's abort signal: stop at once when it fires. */
  signal?: AbortSignal | undefined;
}

/** An answer of any HTTP status: the dialect reads it. Header names are lower case. */
export interface TransportResponse {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

/** Sends one prepared request and returns the answer, whatever its status. */
export interface Transport {
  /**
   * Resolves with any answer (4xx and 5xx included). Rejects with a `TransportError` when no
   * complete answer arrived; any other rejection is treated as a network failure.
   */
  send(request: TransportRequest, options: TransportSendOptions): Promise<TransportResponse>;
  /** Releases sockets and timers. The client closes the transport it made itself; one passed in is the caller's to close. */
  close?(): void | Promise<void>;
}

/** Why no answer arrived. */
export type TransportFailure = 'timeout' | 'aborted' | 'network' | 'too-large';

/**
 * A failure to get an answer. `code` is the socket's (`ECONNRESET`, `ECONNREFUSED` …) where there
 * is one: the client decides from it whether the request can have reached the server. The message
 * must not hold the request's URL or body (the client redacts it again anyway).
 */
export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
