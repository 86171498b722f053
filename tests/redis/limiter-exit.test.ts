/**
 * `close()` releases every timer and connection: a process whose limiters (local, unlimited, shared
 * through Redis) and clients were closed in their most timer-hungry state exits by itself.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describeWithRedis, TEST_REDIS_URL } from '../support/redis';

describeWithRedis('closed limiters let the process exit', () => {
  const id = `exit-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`*${id}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('exits on its own soon after close(), despite a pause of 2^40 ms and queued calls', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'exit-worker.ts'), TEST_REDIS_URL, id],
      {
        timeout: 40_000,
      },
    );
    let stdout = '';
    let stderr = '';
    let closedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (closedAt === 0 && stdout.includes('closed')) closedAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    expect({ code, signal, stderr: stderr.replace(/\n\s+at .*/g, '') }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(stdout).toContain('closed');
    // Nothing is left to wait for: the event loop empties as soon as main() returns.
    expect(Date.now() - closedAt).toBeLessThan(1000);
  }, 45_000);
});
