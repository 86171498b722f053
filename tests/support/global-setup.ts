/** Runs once before all tests: finds out whether the Redis suites can run. */
import { redisAnswers } from './redis-probe';

export default async function globalSetup(): Promise<void> {
  const url = process.env.OPEN1688_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const available = await redisAnswers(url);
  process.env.OPEN1688_REDIS_AVAILABLE = available ? '1' : '0';
  if (!available && process.env.CI !== 'true') {
    console.warn(
      `\nRedis suites skipped: nothing answers at ${url}. Start Redis ("redis-server --port 6379") ` +
        `or set OPEN1688_TEST_REDIS_URL, then run npm test again.`,
    );
  }
}
