/**
 * The log of a shared quota in Redis (redis-scripts.ts): one connection of our own, the scripts
 * defined on it (ioredis sends EVALSHA and falls back to EVAL after a restart or SCRIPT FLUSH, on a
 * single node and on every Cluster node alike), and the lease heartbeat of this process's running
 * calls. This module imports ioredis; the rest of the limiter loads it only when a shared quota is
 * first used (shared-store.ts), so that `require('open1688')` never does.
 *
 * Any ioredis setup passes through: a URL with `redisOptions`, or a `Redis` (Sentinel included) or
 * `Cluster` that is duplicated (same options, our own connection, so that closing a client of the
 * caller never stops the quota, and closing the quota never closes the caller's client).
 */
import { Redis, type Cluster } from 'ioredis';
import { silentLogger, type Logger } from '../logger.js';
import type { ResolvedLimits } from './options.js';
import { buildScripts, commonArgs, quotaKeys, type ScriptName } from './redis-scripts.js';
import type { Admission, Expected, LogSnapshot } from './sliding-log.js';

type ScriptFn = (...args: string[]) => Promise<unknown>;

const SCRIPTS = buildScripts('redis');
const commandName = (name: ScriptName): string => `open1688Limiter_${name}`;

/** Duck-typed: a client built by another copy of ioredis is not an instance of ours. */
function isCluster(client: Redis | Cluster): client is Cluster {
  return (client as { isCluster?: boolean }).isCluster === true;
}

/** Where a connection goes, for messages: never a password. */
function describe(client: Redis | Cluster): string {
  if (isCluster(client)) {
    const nodes = client.nodes('master').map((node) => `${node.options.host ?? '?'}:${node.options.port ?? '?'}`);
    return `Redis Cluster (${nodes.join(', ') || 'connecting'})`;
  }
  const { sentinels, name, host, port } = client.options;
  if (sentinels && sentinels.length > 0) return `Redis (Sentinel master "${name ?? '?'}")`;
  return `Redis at ${host ?? '?'}:${port ?? '?'}`;
}

function connect(limits: ResolvedLimits, connectionName: string): Redis | Cluster {
  const { redis, redisOptions } = limits;
  if (redis === undefined) throw new Error('a shared quota needs limits.redis');
  if (typeof redis === 'string') {
    // A command waits for at most one reconnection attempt; the caller's own options win.
    return new Redis(redis, { connectionName, maxRetriesPerRequest: 1, ...redisOptions });
  }
  if (isCluster(redis)) {
    return redis.duplicate(undefined, { redisOptions: { ...redis.options.redisOptions, connectionName } });
  }
  return (redis as Redis).duplicate({ connectionName });
}

export class RedisStore {
  private readonly client: Redis | Cluster;
  private readonly keys: string[];
  private readonly common: string[];
  private readonly limitArgs: string[];
  private readonly running = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly leaseMs: number;
  private readonly longestWindowUs: number;
  /** This process's last finished call: while it should count, not finding it means the log was lost. */
  private expected: Expected | undefined;

  constructor(
    appKey: string,
    limits: ResolvedLimits,
    private readonly logger: Logger = silentLogger,
  ) {
    const windowsMs = [limits.qpsWindowMs, limits.perMinuteWindowMs];
    const id = limits.id ?? 'default';
    this.leaseMs = limits.redisLeaseMs;
    this.longestWindowUs = Math.max(...windowsMs) * 1000;
    this.keys = quotaKeys(appKey, id, windowsMs);
    // Keys live one long window plus a lease after the last write: as long as an entry can count.
    const ttlMs = Math.max(...windowsMs) + this.leaseMs + 1000;
    this.common = commonArgs(
      ttlMs,
      this.leaseMs * 1000,
      windowsMs.map((ms) => ms * 1000),
    );
    this.limitArgs = [String(limits.qps), String(limits.perMinute)];
    // Named, so that `CLIENT LIST` shows whose connection this is (and tests can see it gone).
    this.client = connect(limits, `open1688-limiter:${id}`);
    // Without a listener ioredis prints every connection error; the shared store reports outages once.
    this.client.on('error', (error: unknown) => this.logger.debug({ err: error }, 'rate limiter: Redis error'));
    for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
      this.client.defineCommand(commandName(name), { numberOfKeys: this.keys.length, lua: SCRIPTS[name] });
    }
  }

  /** Where the quota lives, for messages. */
  get where(): string {
    return describe(this.client);
  }

  /** True while the connection is up (ioredis reconnects by itself after an outage). */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  private run(name: ScriptName, ...args: string[]): Promise<unknown> {
    const fn = (this.client as unknown as Record<string, ScriptFn>)[commandName(name)] as ScriptFn;
    return fn.call(this.client, ...this.keys, ...this.common, ...args);
  }

  async admit(id: string): Promise<Admission> {
    const { expected } = this;
    const reply = (await this.run(
      'admit',
      id,
      expected?.id ?? '',
      String(expected?.untilUs ?? 0),
      ...this.limitArgs,
    )) as [number, number, number, number];
    const [admitted, waitMs, paused, lost] = reply;
    if (admitted !== 1) return { admitted: false, waitMs, paused: paused === 1, lost: lost === 1 };
    this.running.add(id);
    this.beat();
    return { admitted: true };
  }

  async finish(id: string): Promise<void> {
    this.running.delete(id);
    const endedAt = Number(await this.run('finish', id));
    // Replies may come out of order: keep the call that counts longest.
    const untilUs = endedAt + this.longestWindowUs;
    if (this.expected === undefined || untilUs > this.expected.untilUs) this.expected = { id, untilUs };
  }

  async refund(id: string): Promise<void> {
    this.running.delete(id);
    await this.run('refund', id);
  }

  /** Pauses every process of the quota for `ms`; resolves with the ms left of the longest pause. */
  async pause(ms: number): Promise<number> {
    return Number(await this.run('pause', String(Math.ceil(ms * 1000))));
  }

  /** Carries a local log into Redis (after the `local` fallback); its running ids become ours to renew. */
  async restore(snapshot: LogSnapshot): Promise<void> {
    const args = [String(snapshot.running.length), ...snapshot.running];
    for (const entries of snapshot.logs) {
      args.push(String(entries.length));
      for (const [id, remainingUs] of entries) args.push(id, String(Math.floor(remainingUs)));
    }
    await this.run('restore', ...args);
    // Bridging an outage locally trades exactness for availability: what Redis may have lost
    // meanwhile is not quarantined (every process restores its own outage log instead).
    this.expected = undefined;
    for (const id of snapshot.running) this.running.add(id);
    this.beat();
  }

  /**
   * Renews the leases of this process's running calls every quarter lease while there are any: a
   * process that stops renewing (it died) loses them one lease later. The timer never keeps the
   * process alive on its own (the calls themselves do).
   */
  private beat(): void {
    if (this.heartbeat !== undefined || this.running.size === 0) return;
    this.heartbeat = setInterval(() => {
      if (this.running.size === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      this.run('renew', ...this.running).catch((error: unknown) =>
        this.logger.debug({ err: error }, 'rate limiter: lease renewal failed'),
      );
    }, this.leaseMs / 4);
    this.heartbeat.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.running.clear();
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }
}
