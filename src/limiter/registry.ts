/**
 * One quota per app key (and `limits.id`) in a process: every `createScheduler` of that key gets a
 * handle on one shared LimiterCore, counted by reference. Closing a handle fails only its own
 * queued calls; the last close releases the core (queues, timers, the Redis connection).
 *
 * Two clients of one key and id must ask for the same limits. Refusing a mismatch (an
 * InvalidRequestError naming the field) is deliberate: "the strictest wins" would silently change
 * the other client's limits, and a separate quota would let the two together exceed what the gateway
 * allows. Calls that matter more get a better `priority` instead.
 *
 * After the last close, an in-process log is kept (parked) while its entries still count, with its
 * pause: a client created for each request (serverless handlers, per-tenant factories) would
 * otherwise start every time with an empty log and no limit at all. A parked log is only data; it
 * holds no timer, and is forgotten once nothing in it counts any more.
 */
import { InvalidRequestError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { LimiterClosedError } from './errors.js';
import { LimiterCore, type Owner } from './limiter-core.js';
import type { ResolvedLimits } from './options.js';
import { MemoryStore, monotonicUs, newLocalLog } from './quota-store.js';
import type { CallScheduler, RateLimitedEvent, ScheduleOptions } from './scheduler.js';
import { SharedStore } from './shared-store.js';
import type { SlidingLog } from './sliding-log.js';

interface Slot {
  core: LimiterCore;
  limits: ResolvedLimits;
  handles: Set<SchedulerHandle>;
}

const slots = new Map<string, Slot>();
const parked = new Map<string, SlidingLog>();

/** The fields whose values must agree between clients of one quota, in the order they are checked. */
const SHARED_FIELDS = [
  'qps',
  'perMinute',
  'qpsWindowMs',
  'perMinuteWindowMs',
  'maxConcurrent',
  'maxQueued',
  'maxPauseMs',
  'redisTimeoutMs',
  'onRedisDown',
  'localShare',
  'redisLeaseMs',
] as const satisfies ReadonlyArray<keyof ResolvedLimits>;

/** The options as JSON, or their keys when they do not serialise (a circular TLS context, say). */
function describeOptions(options: object | undefined): string {
  try {
    return JSON.stringify(options ?? {});
  } catch {
    return Object.keys(options ?? {}).join(',');
  }
}

/** Which Redis a `limits.redis` value designates (never printed: a URL may hold a password). */
function redisIdentity(limits: ResolvedLimits): string {
  const { redis } = limits;
  if (redis === undefined) return 'none';
  if (typeof redis === 'string') return `url:${redis}:${describeOptions(limits.redisOptions)}`;
  const client = redis as unknown as { isCluster?: boolean; startupNodes?: unknown; options?: Record<string, unknown> };
  if (client.isCluster === true) return `cluster:${JSON.stringify(client.startupNodes ?? [])}`;
  const { host, port, path, db, sentinels, name } = client.options ?? {};
  return `redis:${JSON.stringify({ host, port, path, db, sentinels, name })}`;
}

function assertSameLimits(open: ResolvedLimits, asked: ResolvedLimits, appKey: string): void {
  const field = SHARED_FIELDS.find((name) => open[name] !== asked[name]);
  const sameRedis = redisIdentity(open) === redisIdentity(asked);
  if (field === undefined && sameRedis) return;
  const where = `app key ${appKey} (limits.id ${JSON.stringify(open.id ?? 'default')})`;
  const detail =
    field === undefined
      ? 'a different Redis'
      : `${field} ${String(open[field])}, this client asks for ${String(asked[field])}`;
  throw new InvalidRequestError({
    code: 'invalid-option',
    message:
      `invalid option "limits.${field ?? 'redis'}": ${where} already has a rate limiter in this process with ${detail}. ` +
      `Clients of one app key and id share one quota, so their limits must match (or close the other clients first).`,
  });
}

function takeParked(key: string, limits: ResolvedLimits): SlidingLog {
  const now = monotonicUs();
  for (const [other, log] of parked) if (log.idle(now)) parked.delete(other);
  const log = parked.get(key);
  parked.delete(key);
  const windowsUs = [limits.qpsWindowMs * 1000, limits.perMinuteWindowMs * 1000];
  // Other window lengths cannot reuse the log (a configuration change between two lives of the key).
  const fits = log !== undefined && log.windowsUs.every((us, i) => us === windowsUs[i]);
  return fits ? log : newLocalLog([limits.qpsWindowMs, limits.perMinuteWindowMs]);
}

function buildCore(key: string, appKey: string, limits: ResolvedLimits, logger: Logger): LimiterCore {
  if (limits.redis === undefined) {
    return new LimiterCore(appKey, limits, new MemoryStore(takeParked(key, limits), [limits.qps, limits.perMinute]));
  }
  // The store logs through the core (to every client's logger), which is built after it.
  const ref: { core?: LimiterCore } = {};
  const store = new SharedStore(
    appKey,
    limits,
    (level, object, message) => ref.core?.log(level, object, message),
    logger,
  );
  ref.core = new LimiterCore(appKey, limits, store);
  return ref.core;
}

/** What `createScheduler` returns: one client's handle on the shared scheduler of its quota. */
export class SchedulerHandle implements CallScheduler, Owner {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly core: LimiterCore,
    private readonly appKey: string,
    readonly logger: Logger,
    readonly onRateLimited: ((event: RateLimitedEvent) => void) | undefined,
    private readonly release: (handle: SchedulerHandle) => Promise<void>,
  ) {
    core.attach(this);
  }

  async schedule<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.closing !== undefined) throw new LimiterClosedError(this.appKey);
    return this.core.schedule(task, options, this);
  }

  pauseFor(ms: number, options?: { reported?: boolean }): number {
    return this.closing === undefined ? this.core.pauseFor(ms, options?.reported ?? false, this) : 0;
  }

  close(): Promise<void> {
    this.closing ??= this.release(this);
    return this.closing;
  }
}

export interface OpenOptions {
  appKey: string;
  limits: ResolvedLimits;
  logger: Logger | undefined;
  onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
}

/** A handle on the scheduler of `appKey` and `limits.id`, created with the first handle. */
export function openScheduler({ appKey, limits, logger, onRateLimited }: OpenOptions): SchedulerHandle {
  const key = JSON.stringify([appKey, limits.id ?? null]);
  let slot = slots.get(key);
  if (slot !== undefined) assertSameLimits(slot.limits, limits, appKey);
  else {
    slot = { core: buildCore(key, appKey, limits, logger ?? silentLogger), limits, handles: new Set() };
    slots.set(key, slot);
  }
  const current = slot;
  const handle = new SchedulerHandle(current.core, appKey, logger ?? silentLogger, onRateLimited, async (closing) => {
    current.handles.delete(closing);
    const last = current.handles.size === 0;
    if (last) {
      // At once: a client created from now on gets a fresh core on the same log (calls of this one
      // that are still running finish into it).
      if (slots.get(key) === current) slots.delete(key);
      const { store } = current.core;
      if (store instanceof MemoryStore) parked.set(key, store.log);
    }
    await current.core.detach(closing);
    if (last) await current.core.close();
  });
  current.handles.add(handle);
  return handle;
}
