/**
 * One WebSocket session with a TMC server: open, CONNECT, wait for CONNECTACK and its token, then
 * hand every SEND frame to `onFrame` until the socket closes. Liveness is a WebSocket ping every
 * `heartbeatMs` (the .NET SDK's channel selector pings every 45 s); a pong missing by the next ping
 * ends the session, so a half-open TCP connection is noticed and the consumer reconnects.
 *
 * A refused handshake (CONNECTACK with a status code or phrase, top-link `EndpointChannelHandler`
 * `handleConnectAck`) is an `AuthenticationError` carrying the server's phrase verbatim: the app key,
 * secret or group is wrong, and reconnecting would not help. Anything else is a `NetworkError`.
 */
import type { WebSocket as WsSocket } from 'ws';
import { AuthenticationError, NetworkError, ResponseError, type OpenApiError } from '../errors.js';
import { decodeFrame, encodeFrame, type TmcFrame } from './tmc-codec.js';
import { loadWs } from './optional-deps.js';
import { connectFrame, MESSAGE_TYPE } from './tmc-protocol.js';

export interface TmcConnectionOptions {
  url: string;
  appKey: string;
  appSecret: string;
  groupName: string;
  connectTimeoutMs: number;
  heartbeatMs: number;
  maxFrameBytes: number;
  /** Every SEND frame the server sends after the handshake. */
  onFrame: (frame: TmcFrame) => void;
  /** A frame that could not be decoded (it is skipped). */
  onBadFrame: (error: Error) => void;
  /** The session ended after a successful handshake, by `close()` or otherwise. */
  onClose: (info: { code: number; reason: string; error: Error | undefined }) => void;
}

export class TmcConnection {
  private closing = false;
  private constructor(
    private readonly socket: WsSocket,
    /** The routing token the server assigned (top-link: "token just used for routing message-from, not auth"). */
    readonly token: string,
  ) {}

  /** Opens a session; resolves once the server has acknowledged the CONNECT. */
  static async open(options: TmcConnectionOptions): Promise<TmcConnection> {
    // Loaded here, not at the top, so that importing open1688 or open1688/messages loads no WebSocket code.
    const { WebSocket } = await loadWs();
    const socket = new WebSocket(options.url, {
      handshakeTimeout: options.connectTimeoutMs,
      maxPayload: options.maxFrameBytes,
      perMessageDeflate: false,
    });
    const { token, early, detach } = await handshake(socket, options);
    const connection = new TmcConnection(socket, token);
    detach();
    connection.run(options, early);
    return connection;
  }

  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends a frame; rejects when the socket is no longer open. */
  send(frame: TmcFrame): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) return reject(new NetworkError({ message: 'the TMC connection is closed' }));
      this.socket.send(encodeFrame(frame), { binary: true }, (error) =>
        error ? reject(new NetworkError({ message: 'sending to TMC failed', cause: error })) : resolve(),
      );
    });
  }

  /** Closes the session cleanly (close frame, then the socket), or cuts it after `graceMs`. */
  close(graceMs = 2_000): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === this.socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.terminate(), graceMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(1000, 'client closed');
    });
  }

  /** Serves the session; `early` holds the frames that arrived with the CONNECTACK, before this ran. */
  private run(options: TmcConnectionOptions, early: Buffer[]): void {
    let alive = true;
    let lastError: Error | undefined;
    const heartbeat = setInterval(() => {
      if (!alive) {
        lastError = new NetworkError({ message: `no pong from TMC within ${options.heartbeatMs} ms` });
        this.socket.terminate();
        return;
      }
      alive = false;
      this.socket.ping();
    }, options.heartbeatMs);
    heartbeat.unref();
    this.socket.on('pong', () => (alive = true));
    const handle = (data: Buffer, isBinary: boolean) => {
      alive = true;
      if (!isBinary) return;
      let frame: TmcFrame;
      try {
        frame = decodeFrame(data);
      } catch (error) {
        options.onBadFrame(error as Error);
        return;
      }
      if (frame.messageType === MESSAGE_TYPE.Send) options.onFrame(frame);
    };
    // The early frames are handed over on the next turn, once the caller holds this connection (a
    // confirm for one of them needs it); frames arriving meanwhile queue behind them, in order.
    let held: Buffer[] | undefined = early.length > 0 ? [...early] : undefined;
    this.socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!held) return handle(data, isBinary);
      if (isBinary) held.push(data);
    });
    if (held) {
      setImmediate(() => {
        const frames = held ?? [];
        held = undefined;
        for (const data of frames) handle(data, true);
      });
    }
    this.socket.on('error', (error) => (lastError = error));
    this.socket.once('close', (code: number, reason: Buffer) => {
      clearInterval(heartbeat);
      options.onClose({ code, reason: reason.toString('utf8'), error: lastError });
    });
  }
}

interface Handshake {
  token: string;
  /** Frames that came after the CONNECTACK, before the session's own listener was attached. */
  early: Buffer[];
  /** Removes the handshake's listeners. */
  detach: () => void;
}

/**
 * Sends CONNECT and waits for CONNECTACK: the token, or the error that ended the attempt. The server
 * may send messages right behind its ack, in the same TCP read: ws emits those frames in the same
 * tick, before the session could attach a listener, so they are kept in `early` rather than lost.
 */
function handshake(socket: WsSocket, options: TmcConnectionOptions): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let lastError: Error | undefined;
    const early: Buffer[] = [];
    const detach = () => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    const finish = (error: OpenApiError | undefined, token?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        detach();
        socket.terminate();
        reject(error);
      } else resolve({ token: token as string, early, detach });
    };
    const timer = setTimeout(
      () => finish(new NetworkError({ message: `no TMC handshake within ${options.connectTimeoutMs} ms` })),
      options.connectTimeoutMs,
    );
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (settled) {
        if (isBinary) early.push(data);
        return;
      }
      let frame: TmcFrame;
      try {
        frame = decodeFrame(data);
      } catch (error) {
        return finish(
          new ResponseError({ message: 'TMC answered the connect with an unreadable frame', cause: error }),
        );
      }
      if (frame.messageType !== MESSAGE_TYPE.ConnectAck) return;
      if ((frame.statusCode ?? 0) > 0 || frame.statusPhrase) {
        return finish(
          new AuthenticationError({
            message: `TMC refused the connection of app ${options.appKey}, group ${options.groupName}`,
            code: frame.statusCode === undefined ? undefined : String(frame.statusCode),
            serverMessage: frame.statusPhrase,
          }),
        );
      }
      if (!frame.token) return finish(new ResponseError({ message: 'TMC acknowledged the connect without a token' }));
      finish(undefined, frame.token);
    };
    const onClose = (code: number) =>
      finish(
        new NetworkError({ message: `the TMC connection closed during the handshake (${code})`, cause: lastError }),
      );
    socket.on('error', (error) => (lastError = error));
    socket.on('message', onMessage);
    socket.on('close', onClose);
    socket.once('open', () => {
      const frame = connectFrame({ ...options, timestampMs: Date.now() });
      socket.send(encodeFrame(frame), { binary: true }, (error) => {
        if (error) finish(new NetworkError({ message: 'sending the TMC connect failed', cause: error }));
      });
    });
  });
}
