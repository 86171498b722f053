/**
 * Gate for suites that need Redis (a server at TEST_REDIS_URL, and the redis-server binary for the
 * suites that start their own) or a Redis Cluster (TEST_REDIS_CLUSTER, started by
 * scripts/redis-cluster.sh). The global setup probes both once; in CI (CI=true) nothing is skipped
 * (a missing Redis fails the tests), elsewhere the suites are skipped and the global setup has
 * printed one line saying how to run them.
 */
export const TEST_REDIS_URL = process.env.OPEN1688_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The nodes of the test cluster, `host:port` separated by commas. */
export const TEST_REDIS_CLUSTER =
  process.env.OPEN1688_TEST_REDIS_CLUSTER ?? '127.0.0.1:30011,127.0.0.1:30012,127.0.0.1:30013';

const ci = process.env.CI === 'true';

/** `describe` for suites that talk to the real Redis. */
export const describeWithRedis: jest.Describe =
  process.env.OPEN1688_REDIS_AVAILABLE === '0' && !ci ? describe.skip : describe;
/** `describe` for suites that talk to the Redis Cluster. */
export const describeWithCluster: jest.Describe =
  process.env.OPEN1688_REDIS_CLUSTER_AVAILABLE === '0' && !ci ? describe.skip : describe;

/** The cluster's nodes as ioredis takes them. */
export function clusterNodes(): Array<{ host: string; port: number }> {
  return TEST_REDIS_CLUSTER.split(',').map((node) => {
    const [host = '127.0.0.1', port = '0'] = node.trim().split(':');
    return { host, port: Number(port) };
  });
}
