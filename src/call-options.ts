/**
 * The per-call options: one set of rules for `client.call`, every typed method and the crawls, and
 * the same bounds as the client options they override (a per-call `retry` cannot ask for a million
 * retries when the client may not). Unknown keys are refused (`timeout` is not `timeoutMs`), and a
 * bad option is an `InvalidRequestError` naming it, before anything is sent.
 */
import { z } from 'zod';
import { InvalidRequestError, type Dialect } from './errors.js';
import { NO_RETRY, type RetryPolicy } from './transport/retry.js';
import { describeIssue } from './zod-issue.js';

/** The most retries a client or a call may ask for. */
export const MAX_RETRIES = 10;
/** The longest delay between attempts. */
export const MAX_RETRY_DELAY_MS = 600_000;
/** The longest single attempt. */
export const MAX_TIMEOUT_MS = 600_000;
/** The longest call. */
export const MAX_DEADLINE_MS = 3_600_000;
/** The longest bound on a wait in the rate limiter's queue (a day: batches queue behind daily quotas). */
export const MAX_QUEUE_TIMEOUT_MS = 86_400_000;

const delay = z.number().min(0).max(MAX_RETRY_DELAY_MS);

/** The fields of a retry policy, each bounded; a per-call override may give any of them. */
export const retryFieldsSchema = z
  .object({
    retries: z.number().int().min(0).max(MAX_RETRIES),
    minDelayMs: delay,
    maxDelayMs: delay,
  })
  .partial()
  .strict();

// A credential's rule never quotes the value: it may be a secret.
const credential = z.string('must be a non-empty string').min(1, 'must be a non-empty string');

const positiveMs = (max: number) => z.number().positive('must be a positive number of ms').max(max);

/** Per-call options of `client.call`: HTTP method, time limits, abort signal, retry policy and priority. */
export interface RequestOptions {
  /** POST by default for TOP and AOP, GET for OneBound. */
  httpMethod?: 'GET' | 'POST';
  /** Time for one attempt (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /**
   * Time for the whole call, its attempts and the waits between them (default: the client's
   * `deadlineMs`), counted from when it first leaves the rate limiter's queue.
   */
  deadlineMs?: number;
  /** The longest the call may wait for the rate limiter; past it, it fails unsent (`TimeoutError` `queue-timeout`). */
  queueTimeoutMs?: number;
  signal?: AbortSignal;
  /** Safe to repeat after an unclear failure. Default: true for read APIs (get/search/query/list …). */
  idempotent?: boolean;
  /** Scheduler priority 0 (first) … 9 (last). */
  priority?: number;
  /** Overrides fields of the client's retry policy for this call, or `false` for no retry. */
  retry?: Partial<RetryPolicy> | false;
  /** TOP: act for the seller whose session key this is, instead of the client's `session`. */
  session?: string;
  /** AOP: this call's access token, instead of the client's (not refreshed when rejected). */
  accessToken?: string;
  /**
   * AOP: act for this seller (your key for them, e.g. their `memberId`) with the tokens the client's
   * `tokenStore` keeps for them; a rejected or expiring token is refreshed once and written back.
   */
  seller?: string;
}

/** Per-call options of the typed methods: `client.call`'s, plus `cache: false` to bypass the response cache. */
export interface CallOptions extends RequestOptions {
  /** `false`: neither read from nor write to the response cache for this call. */
  cache?: boolean;
}

/** The schema fields of `RequestOptions`, for schemas that extend it. */
export const requestOptionsShape = {
  httpMethod: z.enum(['GET', 'POST'], 'must be GET or POST').optional(),
  timeoutMs: positiveMs(MAX_TIMEOUT_MS).optional(),
  deadlineMs: positiveMs(MAX_DEADLINE_MS).optional(),
  queueTimeoutMs: positiveMs(MAX_QUEUE_TIMEOUT_MS).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'must be an AbortSignal').optional(),
  idempotent: z.boolean('must be true or false').optional(),
  priority: z.number().int('must be an integer 0…9').min(0).max(9, 'must be an integer 0…9').optional(),
  retry: z.union([z.literal(false), retryFieldsSchema]).optional(),
  session: credential.optional(),
  accessToken: credential.optional(),
  seller: credential.optional(),
};

/** The schema fields of `CallOptions`. */
export const callOptionsShape = { ...requestOptionsShape, cache: z.boolean('must be true or false').optional() };

/** What `client.call` takes besides the request options: a schema for the payload. */
export interface CallApiOptions<S extends z.ZodType = z.ZodType> extends RequestOptions {
  /** Validates the payload; `call` then returns its output type, and a mismatch is a `ResponseError` naming the path. */
  schema?: S;
}

const isSchema = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';

const callApiOptionsSchema = z
  .object({ ...requestOptionsShape, schema: z.custom<z.ZodType>(isSchema, 'must be a zod schema').optional() })
  .strict();
const callOptionsSchema = z.object(callOptionsShape).strict();

/**
 * Checks options against `schema`, naming the first bad one as `<where> option "<path>"`. Absent
 * options and `{}` skip the schema: this runs on every call.
 */
export function checkOptions<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  if (input === undefined) return {} as z.output<S>;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidRequestError({ message: `${where}: options must be a plain object`, code: 'invalid-option' });
  }
  if (Object.keys(input).length === 0) return input as z.output<S>;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { path, rule } = describeIssue(parsed.error);
  throw new InvalidRequestError({ message: `${where}: invalid option "${path}": ${rule}`, code: 'invalid-option' });
}

/** `client.call`'s options, checked. */
export function checkCallApiOptions(input: unknown, where = 'call'): CallApiOptions {
  return checkOptions(callApiOptionsSchema, input, where) as CallApiOptions;
}

/** A typed method's options, checked. */
export function checkCallOptions(input: unknown, where: string): CallOptions {
  return checkOptions(callOptionsSchema, input, where) as CallOptions;
}

/** Which per-call credential each dialect has: TOP sessions; AOP tokens, given or from the token store. */
const CALL_CREDENTIALS: Readonly<Record<Dialect, readonly ('session' | 'accessToken' | 'seller')[]>> = {
  top: ['session'],
  aop: ['accessToken', 'seller'],
  onebound: [],
};

/**
 * Refuses a per-call credential the client's dialect has no use for (a `session` on OneBound would
 * otherwise be dropped in silence), both `accessToken` and `seller`, and `seller` without a store.
 */
export function checkCallCredentials(
  dialect: Dialect,
  options: Pick<RequestOptions, 'session' | 'accessToken' | 'seller'>,
  where: string,
  hasTokenStore: boolean,
): void {
  const bad = (message: string) => new InvalidRequestError({ message: `${where}: ${message}`, code: 'invalid-option' });
  for (const name of ['session', 'accessToken', 'seller'] as const) {
    if (options[name] !== undefined && !CALL_CREDENTIALS[dialect].includes(name)) {
      const use = name === 'session' ? 'top' : 'aop';
      throw bad(`option "${name}" is for the ${use} dialect; this client is ${dialect}`);
    }
  }
  if (options.accessToken !== undefined && options.seller !== undefined) {
    throw bad('give either option "accessToken" or option "seller", not both');
  }
  if (options.seller !== undefined && !hasTokenStore) {
    throw bad('option "seller" needs the client option tokenStore (where each seller\'s tokens are kept)');
  }
}

/** The client's retry policy with a call's override applied; the merged delays must still be in order. */
export function retryPolicy(base: RetryPolicy, override: RequestOptions['retry']): RetryPolicy {
  if (override === false) return NO_RETRY;
  if (override === undefined) return base;
  const merged = { ...base, ...override };
  assertDelayOrder(merged, 'retry.maxDelayMs');
  return merged;
}

/** Throws when `maxDelayMs` is below `minDelayMs`, naming `option`. */
export function assertDelayOrder(policy: RetryPolicy, option: string): void {
  if (policy.maxDelayMs < policy.minDelayMs) {
    throw new InvalidRequestError({
      message: `invalid option "${option}": must not be smaller than retry.minDelayMs`,
      code: 'invalid-option',
    });
  }
}
