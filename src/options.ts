/**
 * The client options: one zod schema, every option also readable from an `OPEN1688_*` environment
 * variable so that the same script runs against the sandbox and production without code changes.
 * Explicit options win over the environment. A bad option throws `InvalidRequestError` naming it
 * (and the variable it came from), never echoing its value: it may be a secret.
 */
import { z } from 'zod';
import { DIALECTS, InvalidRequestError, type Dialect } from './errors.js';
import { limitsSchema } from './limiter/options.js';
import { isLogger, type Logger } from './logger.js';
import { TOP_SIGN_METHODS, type TopSignMethod } from './signing/index.js';
import { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from './transport/retry.js';
import type { ResponseCacheOptions } from './methods/response-cache.js';

/** Refreshes or fetches the 1688 access token; `forceRefresh` after the gateway rejected the last one. */
export type TokenProvider = (context: { forceRefresh: boolean }) => Promise<string>;

/** The production gateway of each dialect, used when no `baseUrl` is given. */
export const DEFAULT_BASE_URLS: Readonly<Record<Dialect, string>> = {
  top: 'https://gw.api.taobao.com/router/rest',
  aop: 'https://gw.open.1688.com/openapi/',
  onebound: 'https://api-gw.onebound.cn/',
};

/** Backups are only defaulted next to the default primary: a sandbox must never fail over to production. */
export const DEFAULT_BACKUP_URLS: Readonly<Record<Dialect, readonly string[]>> = {
  top: [],
  aop: [],
  onebound: ['https://api-1.onebound.cn/'],
};

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an http(s) URL');

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');

const logger = z.custom<Logger>(isLogger, 'must have debug, info, warn and error methods');

const retry = z.union([
  z.literal(false),
  z
    .object({
      retries: z.number().int().min(0).max(20).default(DEFAULT_RETRY.retries),
      minDelayMs: z.number().min(0).max(600_000).default(DEFAULT_RETRY.minDelayMs),
      maxDelayMs: z.number().min(0).max(600_000).default(DEFAULT_RETRY.maxDelayMs),
    })
    .strict(),
]);

const positiveInt = z.number().int().positive();

const hooks = z
  .object({
    beforeRequest: fn<(event: Record<string, unknown>) => void>().optional(),
    afterResponse: fn<(event: Record<string, unknown>) => void>().optional(),
    onRetry: fn<(event: Record<string, unknown>) => void>().optional(),
    onError: fn<(event: Record<string, unknown>) => void>().optional(),
    onRateLimited: fn<(event: Record<string, unknown>) => void>().optional(),
  })
  .strict();

export const clientOptionsSchema = z
  .object({
    dialect: z.enum(DIALECTS),
    appKey: z.string().min(1),
    appSecret: z.string().min(1),
    baseUrl: httpUrl.optional(),
    backupUrls: z.array(httpUrl).optional(),
    signMethod: z.enum(TOP_SIGN_METHODS as [TopSignMethod, ...TopSignMethod[]]).default('md5'),
    session: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    refreshToken: z.string().min(1).optional(),
    tokenProvider: fn<TokenProvider>().optional(),
    timeoutMs: positiveInt.max(600_000).default(15_000),
    /** Total time of a call across attempts, waits and queueing. */
    deadlineMs: positiveInt.max(3_600_000).optional(),
    retry: retry.default({ ...DEFAULT_RETRY }),
    limits: limitsSchema.optional(),
    logger: logger.optional(),
    hooks: hooks.optional(),
    lang: z.enum(['cn', 'en', 'ru']).optional(),
    cache: z.boolean().optional(),
    /** The response cache of the typed read methods (checked in detail by resolveResponseCache). */
    responseCache: z
      .union([
        z.literal(false),
        z.custom<ResponseCacheOptions>(
          (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
          'must be false or { store, ttlMs }',
        ),
      ])
      .optional(),
    maxBodyBytes: positiveInt.default(10 * 1024 * 1024),
    userAgent: z.string().min(1).default('open1688'),
  })
  .strict();

export type ClientOptionsInput = z.input<typeof clientOptionsSchema>;
/** What `new OpenClient(options)` accepts; every field may come from `OPEN1688_*` instead. */
export type ClientOptions = Partial<ClientOptionsInput> & {
  /** Where to read `OPEN1688_*` from; `process.env` by default, `{}` to ignore the environment. */
  env?: Readonly<Record<string, string | undefined>>;
};

export type Hooks = NonNullable<z.output<typeof clientOptionsSchema>['hooks']>;

/** The options with every default resolved. */
export interface ResolvedOptions extends Omit<
  z.output<typeof clientOptionsSchema>,
  'retry' | 'backupUrls' | 'baseUrl'
> {
  baseUrl: string;
  backupUrls: string[];
  retry: RetryPolicy;
  deadlineMs: number;
}

/** Variable → option, and how to read the text. */
const ENV: ReadonlyArray<[string, string, (text: string) => unknown]> = [
  ['OPEN1688_DIALECT', 'dialect', (t) => t],
  ['OPEN1688_APP_KEY', 'appKey', (t) => t],
  ['OPEN1688_APP_SECRET', 'appSecret', (t) => t],
  ['OPEN1688_BASE_URL', 'baseUrl', (t) => t],
  [
    'OPEN1688_BACKUP_URLS',
    'backupUrls',
    (t) =>
      t
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
  ],
  ['OPEN1688_SIGN_METHOD', 'signMethod', (t) => t],
  ['OPEN1688_SESSION', 'session', (t) => t],
  ['OPEN1688_ACCESS_TOKEN', 'accessToken', (t) => t],
  ['OPEN1688_REFRESH_TOKEN', 'refreshToken', (t) => t],
  ['OPEN1688_TIMEOUT_MS', 'timeoutMs', number],
  ['OPEN1688_DEADLINE_MS', 'deadlineMs', number],
  ['OPEN1688_LANG', 'lang', (t) => t],
  ['OPEN1688_CACHE', 'cache', boolean],
  ['OPEN1688_MAX_BODY_BYTES', 'maxBodyBytes', number],
];

function number(text: string): unknown {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

function boolean(text: string): unknown {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return text;
}

/** The options the environment supplies, with the variable each came from. */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): {
  options: Record<string, unknown>;
  sources: Map<string, string>;
} {
  const options: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [variable, key, read] of ENV) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    options[key] = read(text);
    sources.set(key, variable);
  }
  const retries = env.OPEN1688_RETRIES;
  if (retries !== undefined && retries !== '') {
    options.retry = /^(false|off|no)$/i.test(retries)
      ? false
      : {
          retries: number(retries),
          ...(env.OPEN1688_RETRY_MIN_DELAY_MS ? { minDelayMs: number(env.OPEN1688_RETRY_MIN_DELAY_MS) } : {}),
          ...(env.OPEN1688_RETRY_MAX_DELAY_MS ? { maxDelayMs: number(env.OPEN1688_RETRY_MAX_DELAY_MS) } : {}),
        };
    sources.set('retry', 'OPEN1688_RETRIES');
  }
  if (env.OPEN1688_LIMITS !== undefined && /^(false|off|no|0)$/i.test(env.OPEN1688_LIMITS)) {
    options.limits = false;
    sources.set('limits', 'OPEN1688_LIMITS');
  } else {
    const limits: Record<string, unknown> = {};
    for (const [variable, key] of [
      ['OPEN1688_QPS', 'qps'],
      ['OPEN1688_PER_MINUTE', 'perMinute'],
      ['OPEN1688_MAX_CONCURRENT', 'maxConcurrent'],
      ['OPEN1688_MAX_QUEUED', 'maxQueued'],
    ] as const) {
      const text = env[variable];
      if (text !== undefined && text !== '') limits[key] = number(text);
    }
    if (env.OPEN1688_REDIS_URL) limits.redis = env.OPEN1688_REDIS_URL;
    if (Object.keys(limits).length > 0) {
      options.limits = limits;
      sources.set('limits', 'OPEN1688_QPS / OPEN1688_PER_MINUTE / OPEN1688_REDIS_URL');
    }
  }
  return { options, sources };
}

/** Validates and completes the options; throws `InvalidRequestError` naming the first bad option. */
export function resolveOptions(input: ClientOptions = {}): ResolvedOptions {
  if (input === null || typeof input !== 'object') {
    throw new InvalidRequestError({ message: 'OpenClient options must be an object', code: 'invalid-option' });
  }
  const { env = process.env, ...explicit } = input;
  const fromEnv = optionsFromEnv(env);
  const merged: Record<string, unknown> = { ...fromEnv.options };
  for (const [key, value] of Object.entries(explicit)) if (value !== undefined) merged[key] = value;

  const parsed = clientOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || '(options)';
    const top = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
    const source = top !== undefined && !(top in explicit) ? fromEnv.sources.get(top) : undefined;
    throw new InvalidRequestError({
      message: `invalid option "${path}"${source ? ` (from ${source})` : ''}: ${issue?.message ?? 'rejected'}`,
      code: 'invalid-option',
    });
  }
  const options = parsed.data;
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URLS[options.dialect];
  const backupUrls =
    options.backupUrls ?? (options.baseUrl === undefined ? [...DEFAULT_BACKUP_URLS[options.dialect]] : []);
  const retryPolicy: RetryPolicy = options.retry === false ? { ...NO_RETRY } : { ...options.retry };
  if (retryPolicy.maxDelayMs < retryPolicy.minDelayMs) {
    throw new InvalidRequestError({
      message: 'invalid option "retry.maxDelayMs": must not be smaller than retry.minDelayMs',
      code: 'invalid-option',
    });
  }
  const deadlineMs = options.deadlineMs ?? Math.max(60_000, options.timeoutMs);
  return { ...options, baseUrl, backupUrls, retry: retryPolicy, deadlineMs };
}
