/**
 * redisDedupe on the real Redis: the claim is shared between processes (two stores on one prefix act
 * as two consumers), handled ids stay done for the TTL, a dropped claim frees the id, and a claim
 * lapses after `processingMs`. Keys use a prefix unique to this run (the Redis is shared).
 */
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { redisDedupe, type Dedupe } from '../../src/messages/index';
import { describeWithRedis, TEST_REDIS_URL } from '../support/redis';

describeWithRedis('redisDedupe', () => {
  const prefix = `open1688:test:dedupe:${randomUUID()}:`;
  let client: Redis;
  const stores: Dedupe[] = [];
  const store = (options: { ttlMs?: number; processingMs?: number } = {}, url = false): Dedupe => {
    const made = redisDedupe({ redis: url ? TEST_REDIS_URL : client, prefix, ...options });
    stores.push(made);
    return made;
  };

  beforeAll(() => {
    client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const made of stores) await made.close();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  it('one claim wins across stores; the id is processing, then done for the TTL', async () => {
    const [a, b] = [store(), store({}, true)];
    expect(await a.begin('m1')).toBe('new');
    expect(await b.begin('m1')).toBe('processing');
    await a.complete('m1');
    expect(await b.begin('m1')).toBe('done');
    const ttl = await client.pttl(`${prefix}m1`);
    expect(ttl).toBeGreaterThan(23 * 3600_000);
  });

  it('abandon frees a claim, but never a done mark', async () => {
    const a = store();
    expect(await a.begin('m2')).toBe('new');
    await a.abandon('m2');
    expect(await a.begin('m2')).toBe('new');
    await a.complete('m2');
    await a.abandon('m2');
    expect(await a.begin('m2')).toBe('done');
  });

  it('a claim lapses after processingMs, so a crashed handler does not block the id', async () => {
    const a = store({ processingMs: 50 });
    expect(await a.begin('m3')).toBe('new');
    expect(await a.begin('m3')).toBe('processing');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await a.begin('m3')).toBe('new');
  });

  it('refuses a URL that is not redis://', () => {
    expect(() => redisDedupe({ redis: 'http://127.0.0.1:6379' })).toThrow(/redis:\/\//);
  });
});
