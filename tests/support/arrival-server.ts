/** A loopback HTTP server that records when each request arrives (high resolution, epoch ms). */
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ArrivalServer {
  url: string;
  arrivals: number[];
  close(): Promise<void>;
}

export async function startArrivalServer(): Promise<ArrivalServer> {
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    arrivals.push(performance.timeOrigin + performance.now());
    req.resume();
    res.setHeader('connection', 'close');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One GET without keep-alive, so that no socket outlives the test. */
export function hit(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
}
