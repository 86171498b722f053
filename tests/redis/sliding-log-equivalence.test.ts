/**
 * One algorithm, two places: the in-process SlidingLog and the Lua scripts that run it in Redis must
 * give the same answers to the same operations at the same moments. The scripts run here with the
 * clock taken from their last argument (`buildScripts('argv')`, the only difference from production),
 * at real epoch-µs magnitudes so that number formatting inside Lua is exercised too.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { buildScripts, commonArgs, quotaKeys, type ScriptName } from '../../src/limiter/redis-scripts';
import { SlidingLog, type Admission } from '../../src/limiter/sliding-log';
import { describeWithRedis, TEST_REDIS_URL } from '../support/redis';

const WINDOWS_US = [1_000_000, 3_000_000];
const LIMITS = [3, 5];
const LEASE_US = 400_000;
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

type Op =
  | { kind: 'advance'; us: number }
  | { kind: 'flush' }
  | { kind: 'admit' | 'finish' | 'refund'; id: string }
  | { kind: 'renew'; ids: string[] }
  | { kind: 'pause'; us: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), us: fc.integer({ min: 0, max: 700_000 }) }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('admit' as const), id: fc.constantFrom(...IDS) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('finish' as const), id: fc.constantFrom(...IDS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), id: fc.constantFrom(...IDS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('renew' as const), ids: fc.subarray(IDS) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), us: fc.integer({ min: 1, max: 500_000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

describeWithRedis('SlidingLog and its Lua scripts', () => {
  let redis: Redis;
  const run = `${process.pid}-${Date.now()}`;
  let round = 0;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    const scripts = buildScripts('argv');
    for (const name of Object.keys(scripts) as ScriptName[]) {
      redis.defineCommand(`eq_${name}`, { numberOfKeys: 2 + WINDOWS_US.length, lua: scripts[name] });
    }
  });
  afterAll(async () => {
    const keys = await redis.keys(`*equivalence-${run}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gives the same admissions, waits and pauses for random operation sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 80, size: 'max' }),
        fc.integer({ min: 0, max: 1e9 }),
        async (ops, offset) => {
          round++;
          const keys = quotaKeys('app{eq}', `equivalence-${run}-${round}`, [1, 3]);
          const common = commonArgs(60_000, LEASE_US, WINDOWS_US);
          const call = (name: ScriptName, now: number, ...args: string[]): Promise<unknown> => {
            const fn = (redis as unknown as Record<string, (...a: string[]) => Promise<unknown>>)[`eq_${name}`]!;
            return fn.call(redis, ...keys, ...common, ...args, String(now));
          };
          let log = new SlidingLog(WINDOWS_US, LEASE_US);
          let now = 1_700_000_000_000_000 + offset;
          // As a process does: the last finished id, and until when it must count (the longest window).
          let expected: { id: string; untilUs: number } | undefined;
          for (const step of ops) {
            if (step.kind === 'advance') now += step.us;
            else if (step.kind === 'flush') {
              await redis.del(...keys);
              log = new SlidingLog(WINDOWS_US, LEASE_US);
            } else if (step.kind === 'admit') {
              const reply = (await call(
                'admit',
                now,
                step.id,
                expected?.id ?? '',
                String(expected?.untilUs ?? 0),
                ...LIMITS.map(String),
              )) as number[];
              const [admitted, waitMs, paused, lost] = reply;
              const fromRedis: Admission =
                admitted === 1
                  ? { admitted: true }
                  : { admitted: false, waitMs: waitMs!, paused: paused === 1, lost: lost === 1 };
              expect(fromRedis).toEqual(log.admit(now, step.id, LIMITS, expected));
            } else if (step.kind === 'finish') {
              const endedAt = Number(await call('finish', now, step.id));
              expect(endedAt).toBe(log.finish(now, step.id));
              expected = { id: step.id, untilUs: endedAt + WINDOWS_US[1]! };
            } else if (step.kind === 'refund') {
              await call('refund', now, step.id);
              log.refund(step.id);
            } else if (step.kind === 'renew') {
              await call('renew', now, ...step.ids);
              log.renew(now, step.ids);
            } else if (step.kind === 'pause') {
              expect(Number(await call('pause', now, String(step.us)))).toBe(log.pause(now, step.us));
            }
          }
          await redis.del(...keys);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('restores a snapshot into Redis the way SlidingLog.restore does', async () => {
    const keys = quotaKeys('app', `equivalence-${run}-restore`, [1, 3]);
    const common = commonArgs(60_000, LEASE_US, WINDOWS_US);
    const fn = (name: string) => (redis as unknown as Record<string, (...a: string[]) => Promise<unknown>>)[name]!;
    const now = 1_700_000_000_000_000;
    const source = new SlidingLog(WINDOWS_US, Number.POSITIVE_INFINITY);
    for (const id of ['a', 'b', 'c']) source.admit(now, id, LIMITS);
    source.finish(now + 100_000, 'a');
    const snapshot = source.snapshot(now + 200_000);
    const target = new SlidingLog(WINDOWS_US, LEASE_US);
    target.restore(now + 500_000, snapshot);
    const args = [String(snapshot.running.length), ...snapshot.running];
    for (const entries of snapshot.logs)
      args.push(String(entries.length), ...entries.flatMap(([id, us]) => [id, String(us)]));
    await fn('eq_restore').call(redis, ...keys, ...common, ...args, String(now + 500_000));
    // Both now hold b and c running and a in the logs: the same answers from here on.
    for (const [at, id] of [
      [now + 600_000, 'x'],
      [now + 1_000_000, 'y'],
      [now + 1_200_000, 'z'],
    ] as const) {
      const reply = (await fn('eq_admit').call(
        redis,
        ...keys,
        ...common,
        id,
        '',
        '0',
        ...LIMITS.map(String),
        String(at),
      )) as number[];
      const [admitted, waitMs] = reply;
      const expected = target.admit(at, id, LIMITS);
      expect(admitted === 1 ? { admitted: true } : { admitted: false, waitMs, paused: false, lost: false }).toEqual(
        expected,
      );
    }
    await redis.del(...keys);
  });
});
