/**
 * A forward proxy on 127.0.0.1 for the proxy tests, on real sockets: absolute-URI requests
 * (`GET http://host/path`) are relayed to their target, `CONNECT host:port` opens a raw tunnel.
 * It counts what it relayed and keeps each request's `Proxy-Authorization`; with `credentials` it
 * answers 407 to anything without them. When a target cannot be reached it answers 502 with a page
 * that echoes the credentials it got, as a careless proxy would.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { closeServer } from './close-server';

export interface ProxyServer {
  url: string;
  /** Absolute-URI requests relayed, as `METHOD http://host:port/path`. */
  forwarded: string[];
  /** CONNECT tunnels opened, as `host:port`. */
  tunnels: string[];
  /** The Proxy-Authorization header of every request and CONNECT (undefined when absent). */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startProxyServer(credentials?: { user: string; pass: string }): Promise<ProxyServer> {
  const expected =
    credentials === undefined
      ? undefined
      : `Basic ${Buffer.from(`${credentials.user}:${credentials.pass}`).toString('base64')}`;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const denied = (auth: string | undefined): boolean => expected !== undefined && auth !== expected;
  const server = http.createServer((req, res) => {
    const auth = req.headers['proxy-authorization'];
    state.authorizations.push(auth);
    if (denied(auth)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' });
      res.end(`proxy authentication required; you sent ${auth ?? 'nothing'}`);
      return;
    }
    const target = new URL(req.url ?? '');
    state.forwarded.push(`${req.method} ${target.href}`);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    // A careless proxy's error page: it echoes the request, credentials included.
    upstream.on('error', () => {
      const decoded = Buffer.from(auth?.replace(/^Basic /, '') ?? '', 'base64').toString();
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html>Bad gateway for ${target.href}: you sent ${auth ?? 'nothing'} (${decoded})</html>`);
    });
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    state.authorizations.push(auth);
    if (denied(auth)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    state.tunnels.push(req.url ?? '');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const state: ProxyServer = {
    url: '',
    forwarded: [],
    tunnels: [],
    authorizations: [],
    close: () => closeServer(server, sockets),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
