/**
 * One process of a shared quota, for the crash test and `bench:limiter`:
 * `node --import tsx quota-worker.ts <json job>` prints `ready`, starts on a `go` line, then makes
 * signed TOP calls to the sandbox at `job.url` from `job.callers` concurrent loops through a
 * Redis-shared limiter (one Redis, or a Cluster) until a `stop` line; it then closes the limiter and prints `{"sent": n}`.
 * After a `hold` line, every call stays running after its answer (as a slow caller would, holding its
 * unit) and prints `held` once the first one does: the crash test kills the process then.
 */
import { Agent } from 'node:http';
import { Cluster } from 'ioredis';
import { createScheduler, LimiterClosedError } from '../../src/limiter/index';
import { DEMO, http, topParams } from '../integration/sandbox/http';

interface Job {
  url: string;
  /** A redis:// URL, or `cluster:host:port,host:port,…` for a Redis Cluster. */
  redis: string;
  id: string;
  limits: Record<string, number>;
  callers: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;

// Keep-alive, as a client's transport has: a new connection per call would add a handshake to every
// unit's cycle, which is the harness's cost, not the limiter's.
const agent = new Agent({ keepAlive: true });
let holding = false;
let held = false;

async function call(): Promise<void> {
  const params = topParams({ method: 'alibaba.item.get', item_id: '610947572360' });
  const answer = await http(`${job.url}?${new URLSearchParams(params)}`, { agent });
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
  if (!holding) return;
  if (!held) console.log('held');
  held = true;
  await new Promise(() => {}); // until the process is killed
}

async function main(): Promise<void> {
  const cluster = job.redis.startsWith('cluster:')
    ? new Cluster(
        job.redis
          .slice('cluster:'.length)
          .split(',')
          .map((node) => ({ host: node.split(':')[0], port: Number(node.split(':')[1]) })),
      )
    : undefined;
  const redis = cluster ?? job.redis;
  const limiter = createScheduler({ appKey: DEMO.appKey, limits: { ...job.limits, redis, id: job.id } });
  let stopped = false;
  let go: () => void = () => {};
  const started = new Promise<void>((resolve) => (go = resolve));
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    if (text.includes('go')) go();
    if (text.includes('hold')) holding = true;
    if (text.includes('stop')) {
      stopped = true;
      // A paused stdin with a listener still keeps the process alive.
      process.stdin.destroy();
      void limiter.close();
    }
  });
  console.log('ready');
  await started;
  let sent = 0;
  await Promise.all(
    Array.from({ length: job.callers }, async () => {
      while (!stopped) {
        try {
          await limiter.schedule(call);
          sent++;
        } catch (error) {
          if (!(error instanceof LimiterClosedError)) throw error;
        }
      }
    }),
  );
  await limiter.close();
  agent.destroy();
  // The limiter duplicated the cluster client and closed its own copy; this one is ours.
  await cluster?.quit();
  console.log(JSON.stringify({ sent }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
