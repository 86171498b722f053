/**
 * When each connection of an undici dispatcher was made, so that a failure can tell whether its
 * request went out on a connection that already existed when the attempt began (a reused
 * keep-alive socket, which the server may have closed after its last answer) or on a new one.
 * Node's http client says this as `request.reusedSocket`; undici does not, so the ledger sits in
 * the dispatcher's pool factory and wraps each connection as it is made, through proxies too.
 */
import type { Socket } from 'node:net';
import { buildConnector, Pool, type Dispatcher } from 'undici';

const CONNECTED_AT = Symbol('open1688.connectedAt');

type Tagged = Error & { [CONNECTED_AT]?: number; socket?: { localPort?: number } };

export class SocketLedger {
  /** Open connections by local port: undici's own socket errors carry the port, not the socket. */
  private readonly byPort = new Map<number, number>();

  /** A pool factory for `Agent` / `ProxyAgent` / `EnvHttpProxyAgent` whose connections are recorded. */
  readonly factory = (origin: string | URL, options: object): Dispatcher => {
    const { connect } = options as { connect?: buildConnector.connector | buildConnector.BuildOptions };
    const base = typeof connect === 'function' ? connect : buildConnector({ ...connect });
    const recorded: buildConnector.connector = (connectOptions, callback) =>
      base(connectOptions, (...args) => {
        if (args[1]) this.record(args[1]);
        callback(...args);
      });
    return new Pool(origin, { ...options, connect: recorded });
  };

  /** When the connection behind this failure was made (`performance.now()`), if it is known. */
  connectedAt(error: unknown): number | undefined {
    const tagged = error as Tagged | null;
    const at = tagged?.[CONNECTED_AT];
    if (at !== undefined) return at;
    const port = tagged?.socket?.localPort;
    return port === undefined ? undefined : this.byPort.get(port);
  }

  private record(socket: Socket): void {
    const at = performance.now();
    const port = socket.localPort;
    if (port !== undefined) this.byPort.set(port, at);
    // Runs before undici's own listener: the error it passes on carries the time.
    socket.on('error', (error: Tagged) => {
      error[CONNECTED_AT] ??= at;
    });
    // Forgotten one turn after the close, once undici has failed the request with the port's error.
    socket.once('close', () =>
      setImmediate(() => {
        if (port !== undefined && this.byPort.get(port) === at) this.byPort.delete(port);
      }),
    );
  }
}
