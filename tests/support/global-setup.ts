/** Runs once before all tests: clears the proxy variables, finds out whether the Redis and Redis Cluster suites can run. */
import { clusterAnswers, redisAnswers } from './redis-probe';

export default async function globalSetup(): Promise<void> {
  // Every client reads the standard proxy variables, as curl does: the suite's loopback traffic must
  // not go through a developer's proxy (the proxy tests set their own). Workers inherit this env.
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    delete process.env[name];
  }
  const url = process.env.OPEN1688_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const cluster = process.env.OPEN1688_TEST_REDIS_CLUSTER ?? '127.0.0.1:30011,127.0.0.1:30012,127.0.0.1:30013';
  const [redis, clustered] = await Promise.all([redisAnswers(url), clusterAnswers(cluster)]);
  process.env.OPEN1688_REDIS_AVAILABLE = redis ? '1' : '0';
  process.env.OPEN1688_REDIS_CLUSTER_AVAILABLE = clustered ? '1' : '0';
  if (process.env.CI === 'true' || (redis && clustered)) return;
  const skipped = [
    redis ? '' : `Redis suites skipped (nothing answers at ${url})`,
    clustered ? '' : `Redis Cluster suites skipped (no healthy cluster at ${cluster})`,
  ].filter(Boolean);
  console.warn(
    `\n${skipped.join('; ')}. Start redis-server on port 6379 and scripts/redis-cluster.sh ` +
      `(or set OPEN1688_TEST_REDIS_URL / OPEN1688_TEST_REDIS_CLUSTER), then run npm test again.`,
  );
}
