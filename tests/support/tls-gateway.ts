/**
 * An https gateway on 127.0.0.1 with the fixed self-signed test certificate of tests/fixtures/tls
 * (valid for 127.0.0.1 and localhost until 2126): the sandbox speaks plain http, and a CONNECT
 * proxy test needs an https target. It answers every request with one TOP item and counts them.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { closeServer } from './close-server';

const dir = path.join(__dirname, '..', 'fixtures', 'tls');
/** The certificate to trust (the `ca` option). */
export const TEST_CA = readFileSync(path.join(dir, 'loopback-cert.pem'), 'utf8');

export interface TlsGateway {
  url: string;
  /** Requests answered. */
  answered: number;
  close(): Promise<void>;
}

export async function startTlsGateway(body: unknown): Promise<TlsGateway> {
  const sockets = new Set<Socket>();
  const server = https.createServer(
    { key: readFileSync(path.join(dir, 'loopback-key.pem')), cert: TEST_CA },
    (req, res) => {
      req.resume();
      req.on('end', () => {
        state.answered += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const state: TlsGateway = {
    url: '',
    answered: 0,
    close: () => closeServer(server, sockets),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
