/**
 * The shared quota through Redis Sentinel, across a failover: a master, a replica and one sentinel of
 * the test's own (redis-server --sentinel), the limiter given an ioredis client configured for the
 * sentinel (it is duplicated with its options). The master is SIGKILLed mid-run; the sentinel
 * promotes the replica and calls go on through it, within both windows, none failing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { countWindowViolations, createScheduler } from '../../src/limiter/index';
import { hit, startArrivalServer } from '../support/arrival-server';
import { describeWithRedis } from '../support/redis';
import { sparePort, startRedis, stopRedis } from '../support/redis-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.timeOrigin + performance.now();
const LIMITS = { qps: 5, qpsWindowMs: 500, perMinute: 15, perMinuteWindowMs: 2000, redisLeaseMs: 500 };

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await check().catch(() => false)) return;
  throw new Error(`timed out waiting for ${what}`);
}

describeWithRedis('shared quota through Redis Sentinel, across a failover', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open1688-sentinel-'));
  const processes: ChildProcess[] = [];

  afterAll(async () => {
    await Promise.all(processes.map(stopRedis));
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls go on through the promoted replica, within both windows, none failing', async () => {
    const [masterPort, replicaPort, sentinelPort] = [await sparePort(), await sparePort(), await sparePort()];
    const master = await startRedis(masterPort);
    const replica = await startRedis(replicaPort, ['--replicaof', '127.0.0.1', String(masterPort)]);
    processes.push(master, replica);
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor primary 127.0.0.1 ${masterPort} 1`,
        'sentinel down-after-milliseconds primary 500',
        'sentinel failover-timeout primary 3000',
      ].join('\n'),
    );
    const sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    processes.push(sentinel);
    const sentinelClient = new Redis({ port: sentinelPort, lazyConnect: true, retryStrategy: () => 100 });
    sentinelClient.on('error', () => undefined);
    const replicaClient = new Redis({ port: replicaPort });
    await until('the replica to sync', async () =>
      (await replicaClient.info('replication')).includes('master_link_status:up'),
    );
    await until('the sentinel to see the replica', async () => {
      if (sentinelClient.status === 'wait') await sentinelClient.connect();
      const replicas = (await sentinelClient.call('SENTINEL', 'REPLICAS', 'primary')) as unknown[];
      return replicas.length === 1;
    });

    const client = new Redis({ sentinels: [{ host: '127.0.0.1', port: sentinelPort }], name: 'primary' });
    // The caller's own client: the limiter only duplicates it (with its own error listener).
    client.on('error', () => undefined);
    const limiter = createScheduler({
      appKey: 'sentinel-app',
      limits: { ...LIMITS, redis: client, id: `sentinel-${process.pid}`, redisTimeoutMs: 15_000 },
    });
    const server = await startArrivalServer();
    let running = true;
    let killedAt = 0;
    const failures: unknown[] = [];
    const loops = Array.from({ length: 6 }, async () => {
      while (running) await limiter.schedule(() => hit(server.url)).catch((error: unknown) => failures.push(error));
    });
    try {
      await sleep(2500);
      await stopRedis(master);
      killedAt = now();
      await until('the failover', async () => (await replicaClient.info('replication')).includes('role:master'));
      await until(
        'calls through the new master',
        async () => server.arrivals.filter((t) => t > killedAt + 500).length >= 10,
      );
      running = false;
      await Promise.all(loops);
    } finally {
      running = false;
      await limiter.close();
      client.disconnect();
      sentinelClient.disconnect();
      replicaClient.disconnect();
      await server.close();
    }
    const gap = Math.min(...server.arrivals.filter((t) => t > killedAt)) - killedAt;
    console.log(
      `sentinel: ${server.arrivals.length} calls, first call through the new master ${Math.round(gap)} ms after the kill`,
    );
    expect(failures).toEqual([]);
    expect(countWindowViolations(server.arrivals, LIMITS.qpsWindowMs, LIMITS.qps)).toBe(0);
    expect(countWindowViolations(server.arrivals, LIMITS.perMinuteWindowMs, LIMITS.perMinute)).toBe(0);
  }, 40_000);
});
