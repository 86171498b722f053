/**
 * The limiter shared by every process that uses the same Redis, app key and `id`: the two
 * sliding-window reservoirs of sliding-window.ts live in Redis through Bottleneck's clustering, so
 * the same argument bounds the requests of all processes together.
 *
 * ioredis: Bottleneck 2.19.5 drives ioredis through `defineCommand`, `duplicate`, `pipeline().exec()`
 * and `subscribe(channel, cb)`, all unchanged in ioredis 5 (5.x is what package.json pins and what the
 * tests in tests/redis run). We pass the `Redis` class ourselves because Bottleneck otherwise loads it
 * with `eval("require")`, which does not exist in an ES module.
 *
 * Bottleneck 2.19.5 traps, and what we do about them:
 * - Self-healing when its settings key is gone compares the error text with "SETTINGS_KEY_NOT_FOUND",
 *   but Redis 7 prefixes script errors with "ERR ", so every call would fail until the limiter is
 *   rebuilt. Even where it works it would be wrong for us: it recreates a FULL reservoir at once, while
 *   the requests admitted just before the loss are still inside their windows. We turn that error
 *   (and NOSCRIPT, after a Redis restart) into "state lost" on every Redis version, drop the dead
 *   Bottleneck instances with their pending releases, and move every process to a new generation
 *   ("epoch") of keys that admits nothing for one long window (the quarantine), so that everything
 *   admitted before the loss has left every window. The epoch pointer is one Redis key created
 *   atomically, so all processes agree on the new generation and on its start (Redis's own clock).
 * - Each node uses its own `Date.now()`: our reservoirs never use it (no `minTime`, no refresh
 *   intervals); a unit comes back after a duration measured by the node that ran the request. Bottleneck
 *   still uses it for `nextRequest` (a skewed host makes the others wait its skew) and for client
 *   liveness, so we hand its scripts Redis's clock instead (TIME, measured per process).
 * - Retries from Bottleneck's `failed` event skip the reservoir: we never retry there; the client
 *   schedules every retry as a new job.
 * - Keys get a TTL (`timeout`, refreshed by every admission and release) so dead limiters disappear.
 * - A limiter holds two connections (commands and pub/sub) that keep the process alive: `close()`
 *   hands the outstanding units back (at most one window later) and quits both.
 * - Redis unreachable: calls fail with `LimiterUnavailableError` after `redisConnectTimeoutMs`; the
 *   limiter never falls back to "unlimited".
 */
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { LimiterClosedError, LimiterUnavailableError } from './errors.js';
import { GatedScheduler, type FailureDecision, type Gates, type SchedulerContext } from './gated-scheduler.js';
import { SlidingWindowGate } from './sliding-window.js';

/**
 * Returns the current epoch and how long (ms, Redis clock) until it may admit calls. A caller that
 * saw epoch ARGV[1] lose its state replaces it with ARGV[2] and a quarantine of ARGV[3] ms; a caller
 * that finds another epoch simply joins it.
 */
const EPOCH_SCRIPT = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local current = redis.call('get', KEYS[1])
if current then
  local sep = string.find(current, ':', 1, true)
  local epoch = string.sub(current, 1, sep - 1)
  if epoch ~= ARGV[1] then
    redis.call('pexpire', KEYS[1], ARGV[4])
    return {epoch, tostring(tonumber(string.sub(current, sep + 1)) - now)}
  end
end
local notBefore = now + tonumber(ARGV[3])
redis.call('set', KEYS[1], ARGV[2] .. ':' .. notBefore, 'PX', ARGV[4])
return {ARGV[2], tostring(notBefore - now)}
`;

const STATE_LOST = 'OPEN1688_LIMITER_STATE_LOST';

function isStateLost(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith(STATE_LOST);
}

interface Built {
  epoch: string;
  gates: Gates;
}

interface PatchableConnection {
  __scriptFn__(name: string): (...args: unknown[]) => unknown;
}

/** Exact sliding-window limits shared by every process using the same Redis, app key and `id`. */
export class RedisLimiter extends GatedScheduler {
  private readonly client: Redis;
  private readonly connection: Bottleneck.IORedisConnection;
  private readonly prefix: string;
  private readonly where: string;
  private built: Promise<Built> | undefined;
  private current: Built | undefined;
  private lostEpoch = '';
  private clockOffsetMs = 0;
  private clockMeasuredAt = 0;
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

  constructor(context: SchedulerContext) {
    super(context);
    const { redis, id, redisConnectTimeoutMs } = this.limits;
    // Our own connections (a given client is duplicated, never closed by us); a command waits for at
    // most one reconnection attempt, so a dead Redis surfaces as an error instead of a hang.
    // Named, so that `CLIENT LIST` shows whose connections these are (and tests can see them gone).
    const overrides = {
      connectionName: `open1688-limiter:${id ?? 'default'}`,
      maxRetriesPerRequest: 1,
      connectTimeout: redisConnectTimeoutMs,
      retryStrategy: (times: number) => Math.min(times * 100, 1000),
    };
    this.client = typeof redis === 'string' ? new Redis(redis, overrides) : (redis as Redis).duplicate(overrides);
    this.where = `${this.client.options.host ?? '?'}:${this.client.options.port ?? '?'}`;
    this.prefix = `open1688:limiter:${this.appKey}:${id ?? 'default'}`;
    this.connection = new Bottleneck.IORedisConnection({ Redis, client: this.client } as never);
    this.connection.on('error', (error: unknown) => this.logger.warn({ err: error }, 'rate limiter: Redis error'));
    this.patchScripts();
  }

  /**
   * Two changes to every Bottleneck script call. (1) Bottleneck's own recovery must never run (see
   * above): rename the errors it would act on. (2) Its `now` argument becomes Redis's clock: even with
   * `minTime` 0, `register` stores the caller's `now` as `nextRequest` and makes the next caller wait
   * `nextRequest - now`, so a host whose clock is 2 s ahead would hold every other host back by 2 s.
   */
  private patchScripts(): void {
    const connection = this.connection as unknown as PatchableConnection;
    const original = connection.__scriptFn__.bind(connection);
    connection.__scriptFn__ = (name: string) => {
      const fn = original(name);
      return (...args: unknown[]) => {
        const callback = args.pop() as (error: Error | null, reply?: unknown) => void;
        // args: numkeys, ...keys, now, clientId, ...script arguments
        const nowIndex = 1 + Number(args[0]);
        if (typeof args[nowIndex] === 'number') args[nowIndex] = Date.now() + this.clockOffsetMs;
        return fn(...args, (error: Error | null, reply?: unknown) => {
          if (error && /SETTINGS_KEY_NOT_FOUND|NOSCRIPT/.test(error.message)) {
            return callback(new Error(`${STATE_LOST}: ${error.message}`), reply);
          }
          callback(error, reply);
        });
      };
    };
  }

  /**
   * Redis TIME minus our clock, from the quickest of a few round trips: a sample taken while our
   * event loop was busy could be off by hundreds of ms, and Bottleneck makes other processes wait
   * exactly that error (`nextRequest - now`).
   */
  private async measureClockOffset(): Promise<void> {
    let best: { rtt: number; offset: number } | undefined;
    for (let i = 0; i < 5; i++) {
      const sent = performance.now();
      const sentWall = Date.now();
      const [seconds, micros] = await this.client.time();
      const rtt = performance.now() - sent;
      const redisNow = Number(seconds) * 1000 + Number(micros) / 1000;
      const offset = redisNow - (sentWall + rtt / 2);
      if (!best || rtt < best.rtt) best = { rtt, offset };
    }
    this.clockOffsetMs = Math.round(best?.offset ?? 0);
    this.clockMeasuredAt = Date.now();
  }

  protected async acquireGates(): Promise<Gates> {
    await this.waitReady();
    if (!this.built) {
      const building = this.build();
      this.built = building;
      building.catch(() => {
        if (this.built === building) this.built = undefined;
      });
    }
    const built = await this.built;
    // Clocks drift apart slowly; a new measurement now and then keeps the offset honest.
    if (Date.now() - this.clockMeasuredAt > 60_000) this.measureClockOffset().catch(() => undefined);
    this.client.pexpire(`${this.prefix}:epoch`, this.limits.redisKeyTtlMs).catch(() => undefined);
    return built.gates;
  }

  private async waitReady(): Promise<void> {
    if (this.client.status === 'ready') return;
    const ready = await new Promise<boolean>((resolve) => {
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, this.limits.redisConnectTimeoutMs);
      this.client.once('ready', onReady);
    });
    if (!ready) {
      throw new LimiterUnavailableError(
        `Redis at ${this.where} is unreachable (${this.client.status}) so the shared rate limiter cannot admit ` +
          `calls of app ${this.appKey}; the call was not sent`,
      );
    }
  }

  private async build(): Promise<Built> {
    const { qps, qpsWindowMs, perMinute, perMinuteWindowMs, redisKeyTtlMs } = this.limits;
    await this.measureClockOffset();
    const quarantine = this.lostEpoch === '' ? 0 : Math.max(qpsWindowMs, perMinuteWindowMs);
    const [epoch, waitText] = (await this.client.eval(
      EPOCH_SCRIPT,
      1,
      `${this.prefix}:epoch`,
      this.lostEpoch,
      randomUUID().slice(0, 8),
      quarantine,
      redisKeyTtlMs,
    )) as [string, string];
    const waitMs = Number(waitText);
    if (waitMs > 0) {
      this.logger.warn({ appKey: this.appKey, epoch, waitMs }, 'rate limiter: shared state was lost; quarantine');
      await this.sleep(waitMs);
    }
    if (this.closed) throw new LimiterClosedError(this.appKey);
    const make = (name: string, limit: number, windowMs: number, extra: Bottleneck.ConstructorOptions) => {
      const bottleneck = new Bottleneck({
        id: `${this.prefix}:${epoch}:${name}`,
        datastore: 'ioredis',
        connection: this.connection,
        clearDatastore: false,
        timeout: redisKeyTtlMs,
        reservoir: limit,
        ...extra,
      });
      bottleneck.on('error', (error: unknown) => this.onBackgroundError(epoch, error));
      return new SlidingWindowGate(bottleneck, limit, windowMs, (error) => this.onBackgroundError(epoch, error));
    };
    const gates: Gates = {
      // `maxConcurrent` is shared by all processes, like the windows.
      minute: make('minute', perMinute, perMinuteWindowMs, { maxConcurrent: this.limits.maxConcurrent }),
      second: make('second', qps, qpsWindowMs, {}),
    };
    await Promise.all([gates.minute.bottleneck.ready(), gates.second.bottleneck.ready()]);
    const built = { epoch, gates };
    this.current = built;

    this.logger.debug({ appKey: this.appKey, epoch }, 'rate limiter: shared state ready');
    return built;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private onBackgroundError(epoch: string, error: unknown): void {
    if (isStateLost(error)) {
      if (this.current?.epoch === epoch) this.invalidate(this.current);
      return;
    }
    this.logger.warn({ err: error, appKey: this.appKey }, 'rate limiter: Redis call failed');
  }

  /** Forget a generation whose state is gone; its pending releases belong to a reservoir that no longer exists. */
  private invalidate(built: Built): void {
    if (this.current !== built) return;
    this.logger.warn({ appKey: this.appKey, epoch: built.epoch }, 'rate limiter: shared state lost; rebuilding');
    this.current = undefined;
    this.built = undefined;
    this.lostEpoch = built.epoch;
    void this.discard(built.gates);
  }

  private async discard(gates: Gates): Promise<void> {
    for (const gate of [gates.minute, gates.second]) {
      await gate.dispose();
      // On a shared connection this only unsubscribes (and returns nothing); the connection is ours to quit.
      await Promise.resolve(gate.bottleneck.disconnect(false)).catch(() => undefined);
    }
  }

  protected async onLimiterFailure(gates: Gates, error: unknown, attempt: number): Promise<FailureDecision> {
    const stale = this.current?.gates !== gates;
    if (isStateLost(error) && this.current?.gates === gates) this.invalidate(this.current);
    // A call that was waiting in a generation that has just been dropped goes to the next one.
    if ((stale || isStateLost(error)) && attempt <= 3 && !this.closed) return 'retry';
    const reason = error instanceof Error ? error.message : String(error);
    return {
      fail: new LimiterUnavailableError(
        `The shared rate limiter (Redis at ${this.where}) failed, so the call of app ${this.appKey} was not sent: ${reason}`,
        error,
      ),
    };
  }

  protected async shutdown(): Promise<void> {
    for (const [timer, resolve] of this.sleepers) {
      clearTimeout(timer);
      resolve();
    }
    this.sleepers.clear();
    const built = this.current;
    if (built) {
      const gates = [built.gates.minute, built.gates.second];
      await Promise.all(gates.map((gate) => gate.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined)));
      // Units are handed back on schedule, never early; dropping them would shrink the shared quota.
      if (this.client.status === 'ready') await Promise.all(gates.map((gate) => gate.releasesDone()));
      await this.discard(built.gates);
    }
    this.current = undefined;
    await this.connection.disconnect(this.client.status === 'ready').catch(() => undefined);
    this.client.disconnect();
  }
}
