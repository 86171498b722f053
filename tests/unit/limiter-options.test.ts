/** The new `limits` fields are checked before anything is built: an InvalidRequestError naming the field. */
import { InvalidRequestError } from '../../src/errors';
import { createScheduler, LimiterUnavailableError } from '../../src/limiter/index';

it.each([
  [{ onRedisDown: 'local' }, 'limits.localShare', /required with onRedisDown: 'local'/],
  [{ onRedisDown: 'local', localShare: 0 }, 'limits.localShare', /0/],
  [{ localShare: 1.5 }, 'limits.localShare', /1/],
  [{ onRedisDown: 'fallback' }, 'limits.onRedisDown', /local/],
  [{ redisTimeoutMs: 0 }, 'limits.redisTimeoutMs', /0/],
  [{ maxPauseMs: 2 ** 31 }, 'limits.maxPauseMs', /2147483647/],
  [{ redisLeaseMs: 50 }, 'limits.redisLeaseMs', /100/],
  [{ redisOptions: 'tls' }, 'limits.redisOptions', /ioredis options/],
  [{ redis: 6379 }, 'limits.redis', /redis:\/\/ URL or an ioredis/],
  [{ redisKeyTtlMs: 60_000 }, 'limits.redisKeyTtlMs', /not a known option/],
])('%j is refused, naming %s', (limits, field, rule) => {
  const build = () => createScheduler({ appKey: 'options-app', limits: limits as never });
  expect(build).toThrow(InvalidRequestError);
  expect(build).toThrow(`invalid option "${field}"`);
  expect(build).toThrow(rule);
});

it('accepts the fallback with its share, and builds nothing that needs closing until used', async () => {
  const limiter = createScheduler({
    appKey: 'options-ok',
    limits: { redis: 'redis://127.0.0.1:1', onRedisDown: 'local', localShare: 0.5, redisTimeoutMs: 100 },
  });
  await limiter.close();
});

it('a Redis that never answers (a closed port) fails the call within redisTimeoutMs, nothing sent', async () => {
  const limiter = createScheduler({
    appKey: 'options-down',
    limits: { redis: 'redis://127.0.0.1:1', redisTimeoutMs: 300, redisOptions: { retryStrategy: () => 50 } },
  });
  let sent = false;
  const started = Date.now();
  await expect(limiter.schedule(async () => (sent = true))).rejects.toBeInstanceOf(LimiterUnavailableError);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(sent).toBe(false);
  await limiter.close();
});
