/**
 * An HTTP/1.1 server on 127.0.0.1, written on raw sockets, that plays a gateway closing its idle
 * keep-alive connections: it answers the first request of each connection with keep-alive, and a
 * later request on the same connection is never read: the socket is reset (RST) instead, as when
 * the server closed it after its last answer and the client reused it before the FIN arrived. With
 * `resetAll`, every request after the first one of the whole server is reset too.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { closeServer } from './close-server';

export interface StaleSocketServer {
  url: string;
  /** Requests answered (read and processed). */
  answered: number;
  /** Requests reset without being read. */
  reset: number;
  connections: number;
  resetAll: boolean;
  close(): Promise<void>;
}

export async function startStaleSocketServer(body: string): Promise<StaleSocketServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    state.connections += 1;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let served = 0;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      buffer = buffer.subarray(end + 4 + length);
      if (served > 0 || (state.resetAll && state.answered > 0)) {
        state.reset += 1;
        socket.resetAndDestroy();
        return;
      }
      served += 1;
      state.answered += 1;
      const payload = Buffer.from(body);
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n` +
          'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n',
      );
      socket.write(payload);
    });
  });
  const state = {
    url: '',
    answered: 0,
    reset: 0,
    connections: 0,
    resetAll: false,
    close: () => closeServer(server, sockets),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
