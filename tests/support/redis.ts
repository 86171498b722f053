/**
 * Gate for suites that need Redis. The global setup probes it once; in CI (CI=true) nothing is
 * skipped (a missing Redis fails the tests), elsewhere the Redis suites are skipped and the global
 * setup has printed one line saying how to run them.
 */
export const TEST_REDIS_URL = process.env.OPEN1688_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const skip = process.env.OPEN1688_REDIS_AVAILABLE === '0' && process.env.CI !== 'true';

/** `describe` for suites that talk to the real Redis. */
export const describeWithRedis: jest.Describe = skip ? describe.skip : describe;
