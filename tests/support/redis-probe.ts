/** Asks Redis over a plain socket, without loading a Redis client: PONG, or a healthy cluster. */
import { Socket } from 'node:net';

function ask(
  host: string,
  port: number,
  command: string,
  accept: (reply: string) => boolean,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (data) => {
      reply += data.toString();
      if (accept(reply)) done(true);
      else if (reply.startsWith('-') || reply.length > 4096) done(false);
    });
    socket.connect(port, host, () => socket.write(`${command}\r\n`));
  });
}

export function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return ask(hostname, Number(port || 6379), 'PING', (reply) => reply.startsWith('+PONG'), timeoutMs);
}

/** True when the first of the cluster's nodes (`host:port,…`) reports `cluster_state:ok`. */
export function clusterAnswers(nodes: string, timeoutMs = 1000): Promise<boolean> {
  const [host = '127.0.0.1', port = '0'] = (nodes.split(',')[0] ?? '').split(':');
  return ask(host, Number(port), 'CLUSTER INFO', (reply) => reply.includes('cluster_state:ok'), timeoutMs);
}
