/**
 * The sandbox's TMC endpoint: WebSocket upgrades on `/tmc` of the sandbox's HTTP server, speaking the
 * binary protocol of the official SDKs (codec: ../messages/tmc-codec.ts, checked byte for byte against
 * taobao-sdk's own). Per connection:
 *
 *   CONNECT → CONNECTACK with a token, or with a status code and phrase when the app key, the
 *   timestamp (±10 min, the gateway's tolerance) or the md5 signature over app_key, group_name and
 *   timestamp is wrong (top-link's `EndpointChannelHandler.handleConnect` answers a refused identity
 *   this way; the code values of the real server are not public, so 401/400 here are the sandbox's);
 *   then SEND frames carrying the token: PullRequest → pending messages; Confirm (id) → confirmed.
 *
 * Published messages go out at once to a connected session of their app and group (one of them,
 * round robin) and again after a drop or `redeliveryMs` without a confirm.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { decodeFrame, encodeFrame, type TmcFrame } from '../messages/tmc-codec.js';
import { FIELD, headerMap, kindOf, MESSAGE_KIND, MESSAGE_TYPE, tmcConnectSign } from '../messages/tmc-protocol.js';
import type { AppRegistry } from './apps.js';
import type { SandboxClock } from './clock.js';
import { MAX_SKEW_MS } from './context.js';
import type { StoredMessage, TmcStore } from './tmc-store.js';

export const TMC_PATH = '/tmc';

interface Session {
  socket: WebSocket;
  appKey: string;
  groupName: string;
  token: string | undefined;
}

export class TmcEndpoint {
  private readonly sessions = new Set<Session>();
  private available = true;
  private turn = 0;
  private readonly timer: NodeJS.Timeout;

  /** `server`: a `noServer` WebSocketServer (ws is loaded by startSandbox, so that importing the sandbox does not). */
  constructor(
    private readonly server: WebSocketServer,
    private readonly store: TmcStore,
    private readonly apps: AppRegistry,
    private readonly clock: SandboxClock,
  ) {
    const every = Math.max(10, Math.min(1000, store.redeliveryMs / 4));
    this.timer = setInterval(() => {
      if (store.expire() > 0) this.deliverAll();
    }, every);
    this.timer.unref();
  }

  /** The HTTP server's `upgrade` event: a TMC session on /tmc, 404 elsewhere, 503 while unavailable. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== TMC_PATH && path !== `${TMC_PATH}/`) return refuseUpgrade(socket, '404 Not Found');
    if (!this.available) return refuseUpgrade(socket, '503 Service Unavailable');
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Publishes: hands the message to a connected session of its group, if there is one. */
  offer(message: StoredMessage): void {
    const ready = [...this.sessions].filter(
      (s) => s.token !== undefined && s.appKey === message.appKey && s.groupName === message.groupName,
    );
    if (ready.length === 0) return;
    this.send(ready[this.turn++ % ready.length] as Session, message);
  }

  /** Cuts every TMC connection at once, as a network failure would (no close frame). */
  disconnectAll(): void {
    for (const session of this.sessions) session.socket.terminate();
  }

  /** While false, new TMC connections are refused with HTTP 503. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  /** Sessions that completed the handshake. */
  connections(): number {
    return [...this.sessions].filter((s) => s.token !== undefined).length;
  }

  close(): void {
    clearInterval(this.timer);
    this.disconnectAll();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    const session: Session = { socket, appKey: '', groupName: '', token: undefined };
    this.sessions.add(session);
    socket.on('error', () => undefined);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      let frame: TmcFrame;
      try {
        frame = decodeFrame(data);
      } catch {
        return socket.close(1002, 'unreadable frame');
      }
      if (frame.messageType === MESSAGE_TYPE.Connect) return this.connect(session, frame);
      // top-link ignores a SEND whose token it did not issue ("must CONNECT/CONNECTACK … before SEND").
      if (frame.messageType !== MESSAGE_TYPE.Send || !session.token || frame.token !== session.token) return;
      const kind = kindOf(frame);
      if (kind === MESSAGE_KIND.PullRequest) {
        for (const message of this.store.pending(session.appKey, session.groupName)) this.send(session, message);
      } else if (kind === MESSAGE_KIND.Confirm) {
        const id = headerMap(frame).get(FIELD.id);
        if (typeof id === 'bigint') this.store.confirm(session.appKey, session.groupName, id.toString());
      }
    });
    socket.on('close', () => {
      this.sessions.delete(session);
      this.store.release(session);
      this.deliverAll();
    });
  }

  private connect(session: Session, frame: TmcFrame): void {
    const headers = headerMap(frame);
    const text = (key: string): string => {
      const value = headers.get(key);
      return typeof value === 'string' ? value : '';
    };
    const appKey = text('app_key');
    const groupName = text('group_name') || 'default';
    const timestampMs = Number(text('timestamp'));
    const app = this.apps.get(appKey);
    let refusal: [number, string] | undefined;
    if (!app) refusal = [401, `app_key ${appKey || '(none)'} is not registered with the sandbox`];
    else if (!Number.isFinite(timestampMs) || Math.abs(this.clock.now() - timestampMs) > MAX_SKEW_MS) {
      refusal = [400, 'timestamp is missing or more than 10 minutes off the server clock'];
    } else if (text('sign') !== tmcConnectSign({ appKey, appSecret: app.appSecret, groupName, timestampMs })) {
      refusal = [401, 'invalid signature'];
    }
    const ack: TmcFrame = { messageType: MESSAGE_TYPE.ConnectAck, flag: frame.flag, headers: [] };
    if (refusal) {
      [ack.statusCode, ack.statusPhrase] = refusal;
      session.socket.send(encodeFrame(ack), { binary: true }, () => session.socket.close(1008, 'connect refused'));
      return;
    }
    session.appKey = appKey;
    session.groupName = groupName;
    session.token = randomUUID();
    ack.token = session.token;
    session.socket.send(encodeFrame(ack), { binary: true });
    for (const message of this.store.pending(appKey, groupName)) this.send(session, message);
  }

  private deliverAll(): void {
    for (const session of this.sessions) {
      if (session.token === undefined) continue;
      for (const message of this.store.pending(session.appKey, session.groupName)) this.send(session, message);
    }
  }

  private send(session: Session, message: StoredMessage): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    this.store.markDelivered(message, session);
    session.socket.send(encodeFrame(dataFrame(session.token as string, message, new Date(this.clock.now()))), {
      binary: true,
    });
  }
}

/** A data message as the Java SDK's `TmcHandler.parse` reads one (field names: .NET `MessageFields`). */
function dataFrame(token: string, message: StoredMessage, outgoing: Date): TmcFrame {
  const headers: TmcFrame['headers'] = [
    [FIELD.kind, { format: 'byte', value: MESSAGE_KIND.Data }],
    [FIELD.id, message.id],
    [FIELD.topic, message.topic],
    [FIELD.content, message.content],
    [FIELD.pubTime, message.pubTime],
    [FIELD.publisher, message.appKey],
    [FIELD.outgoingTime, outgoing],
  ];
  if (message.userNick !== undefined) headers.push([FIELD.userNick, message.userNick]);
  if (message.userId !== undefined) headers.push([FIELD.userId, message.userId]);
  return { messageType: MESSAGE_TYPE.Send, token, headers };
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
