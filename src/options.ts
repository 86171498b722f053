/**
 * The client options: one zod schema. `new OpenClient(options)` takes them as given and reads no
 * environment: a client built with one seller's credentials must never pick up another seller's
 * `OPEN1688_SESSION` or `OPEN1688_BASE_URL`. Only `OpenClient.fromEnv(overrides, env)` (and the CLI)
 * fills options from `OPEN1688_*` (options-env.ts), the overrides winning. The standard proxy
 * variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) are not settings of this package and are read as
 * curl reads them, by every client, unless `proxy` says otherwise (proxy-settings.ts). A bad option throws
 * `InvalidRequestError` naming it (and the variable it came from), never echoing its value: it may
 * be a secret.
 */
import http from 'node:http';
import { z } from 'zod';
import {
  assertDelayOrder,
  MAX_DEADLINE_MS,
  MAX_QUEUE_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  retryFieldsSchema,
} from './call-options.js';
import type { TokenStore } from './auth/token-store.js';
import type { HeadersHook, HookListener, Hooks } from './client/events.js';
import type { TokenProvider } from './client/tokens.js';
import { DIALECT_ADAPTERS } from './dialects/index.js';
import { DIALECTS, InvalidRequestError } from './errors.js';
import { limitsSchema } from './limiter/options.js';
import { isLogger, type Logger } from './logger.js';
import type { ResponseCacheOptions } from './methods/response-cache.js';
import { optionsFromEnv } from './options-env.js';
import type { RecorderOption } from './record/recorder.js';
import { TOP_SIGN_METHODS, type TopSignMethod } from './signing/index.js';
import { resolveProxy, type ProxySettings } from './transport/proxy-settings.js';
import { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from './transport/retry.js';
import type { Transport } from './transport/transport.js';
import { describeIssue } from './zod-issue.js';

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an http(s) URL');

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');

const positiveInt = z.number().int().positive();

// Checked as functions only; `Hooks` gives each its event type (ResolvedOptions keeps those types).
const hooks = z
  .object({
    onEvent: fn<HookListener>().optional(),
    onCallStart: fn<NonNullable<Hooks['onCallStart']>>().optional(),
    beforeRequest: fn<NonNullable<Hooks['beforeRequest']>>().optional(),
    afterResponse: fn<NonNullable<Hooks['afterResponse']>>().optional(),
    onRetry: fn<NonNullable<Hooks['onRetry']>>().optional(),
    onRateLimited: fn<NonNullable<Hooks['onRateLimited']>>().optional(),
    onError: fn<NonNullable<Hooks['onError']>>().optional(),
    onCallEnd: fn<NonNullable<Hooks['onCallEnd']>>().optional(),
    headers: fn<HeadersHook>().optional(),
  })
  .strict();

const transport = z.custom<Transport>(
  (value) => typeof value === 'object' && value !== null && typeof (value as Transport).send === 'function',
  'must be an object with a send(request, options) method',
);

const agent = z.custom<http.Agent>((value) => value instanceof http.Agent, 'must be an http.Agent or https.Agent');

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
    /** AOP: each seller's tokens, for calls that name a `seller` (open1688/auth). */
    tokenStore: z
      .custom<TokenStore>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as TokenStore).get === 'function' &&
          typeof (value as TokenStore).set === 'function',
        'must be an object with get(seller) and set(seller, tokens) methods',
      )
      .optional(),
    timeoutMs: positiveInt.max(MAX_TIMEOUT_MS).default(15_000),
    /** Total time of a call across its attempts and the waits between them, from when it leaves the queue. */
    deadlineMs: positiveInt.max(MAX_DEADLINE_MS).optional(),
    /** The longest a call waits for the rate limiter before it fails unsent (no bound by default). */
    queueTimeoutMs: positiveInt.max(MAX_QUEUE_TIMEOUT_MS).optional(),
    retry: z.union([z.literal(false), retryFieldsSchema]).optional(),
    limits: limitsSchema.optional(),
    logger: z.custom<Logger>(isLogger, 'must have debug, info, warn and error methods').optional(),
    hooks: hooks.optional(),
    /** Each call an OpenTelemetry span, with `traceparent` sent, when `@opentelemetry/api` is installed. */
    tracing: z.boolean().default(true),
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
    /** Replaces the HTTP layer (the default sends with undici). */
    transport: transport.optional(),
    /** Writes each answer, credentials masked, as a fixture the sandbox can replay: `{ dir }` or a `Recorder`. */
    recorder: z
      .custom<RecorderOption>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          (typeof (value as { record?: unknown }).record === 'function' ||
            (typeof (value as { dir?: unknown }).dir === 'string' && (value as { dir: string }).dir !== '')),
        'must be { dir } or an object with a record(fixture) method',
      )
      .optional(),
    /** A proxy URL for every request (`http://user:pass@host:port`), or `false` to ignore HTTP(S)_PROXY. */
    proxy: z.union([z.literal(false), z.string().min(1)]).optional(),
    /** Node agents that do the connecting (the client then sends with axios through them). */
    httpAgent: agent.optional(),
    httpsAgent: agent.optional(),
    /** PEM certificates to trust besides Node's own: a corporate proxy's CA, a test gateway's. */
    ca: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  })
  .strict();

export type ClientOptionsInput = z.input<typeof clientOptionsSchema>;
/** What `new OpenClient(options)` accepts: everything explicit, no environment variable is read. */
export type ClientOptions = ClientOptionsInput;

/** The environment `OpenClient.fromEnv` reads `OPEN1688_*` from. */
export type OptionsEnv = Readonly<Record<string, string | undefined>>;

/** The options with every default resolved. */
export interface ResolvedOptions extends Omit<
  z.output<typeof clientOptionsSchema>,
  'retry' | 'backupUrls' | 'baseUrl' | 'hooks' | 'ca'
> {
  /** The proxies in force (the `proxy` option or HTTP_PROXY / HTTPS_PROXY / NO_PROXY); undefined: direct. */
  proxySettings: ProxySettings | undefined;
  ca: string[] | undefined;
  baseUrl: string;
  backupUrls: string[];
  retry: RetryPolicy;
  deadlineMs: number;
  hooks: Hooks | undefined;
}

/** Validates and completes explicit options (no environment); throws `InvalidRequestError` naming the first bad option. */
export function resolveOptions(input: ClientOptions): ResolvedOptions {
  return resolveFrom(objectOf(input), new Map());
}

/**
 * The options `OpenClient.fromEnv` builds a client with: `OPEN1688_*` variables of `env`, `overrides`
 * winning over them. Checked here, so that a bad value is reported by its variable's name (never
 * its value); the result is what the constructor then takes as explicit options.
 */
export function clientOptionsFromEnv(overrides: Partial<ClientOptions> = {}, env: OptionsEnv): ClientOptions {
  const explicit = objectOf(overrides);
  const fromEnv = optionsFromEnv(env);
  const merged: Record<string, unknown> = { ...fromEnv.options };
  for (const [key, value] of Object.entries(explicit)) if (value !== undefined) merged[key] = value;
  // A variable is to blame only for what the overrides left to it.
  const sources = new Map([...fromEnv.sources].filter(([key]) => explicit[key] === undefined));
  resolveFrom(merged, sources);
  return merged as ClientOptions;
}

function objectOf(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidRequestError({ message: 'OpenClient options must be an object', code: 'invalid-option' });
  }
  if ('env' in input) {
    throw new InvalidRequestError({
      message: 'invalid option "env": new OpenClient() reads no environment; use OpenClient.fromEnv(overrides, env)',
      code: 'invalid-option',
    });
  }
  return input as Record<string, unknown>;
}

function resolveFrom(input: Record<string, unknown>, sources: ReadonlyMap<string, string>): ResolvedOptions {
  const parsed = clientOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const { segments, path, rule } = describeIssue(parsed.error);
    const top = segments[0] === undefined ? undefined : String(segments[0]);
    const source = top === undefined ? undefined : sources.get(top);
    throw new InvalidRequestError({
      message: `invalid option "${path}"${source ? ` (from ${source})` : ''}: ${rule}`,
      code: 'invalid-option',
    });
  }
  const options = parsed.data;
  if (options.tokenStore !== undefined && options.dialect !== 'aop') {
    throw new InvalidRequestError({
      message: `invalid option "tokenStore": it keeps 1688 (aop) tokens; this client is ${options.dialect}`,
      code: 'invalid-option',
    });
  }
  const gateway = DIALECT_ADAPTERS[options.dialect];
  const baseUrl = options.baseUrl ?? gateway.defaultBaseUrl;
  const backupUrls = options.backupUrls ?? (options.baseUrl === undefined ? [...gateway.defaultBackupUrls] : []);
  const retry: RetryPolicy = options.retry === false ? { ...NO_RETRY } : { ...DEFAULT_RETRY, ...options.retry };
  assertDelayOrder(retry, 'retry.maxDelayMs');
  const deadlineMs = options.deadlineMs ?? Math.max(60_000, options.timeoutMs);
  assertTransportChoice(options);
  // An agent or a transport of the caller's does its own connecting: the variables do not apply.
  const own = options.transport ?? options.httpAgent ?? options.httpsAgent;
  const proxySettings = own === undefined ? resolveProxy(options.proxy, process.env) : undefined;
  const ca = typeof options.ca === 'string' ? [options.ca] : options.ca;
  return { ...options, baseUrl, backupUrls, retry, deadlineMs, hooks: options.hooks, proxySettings, ca };
}

/** `transport` replaces the HTTP layer, and agents do their own connecting: `proxy` and `ca` cannot join them. */
function assertTransportChoice(options: z.output<typeof clientOptionsSchema>): void {
  const layer = options.transport !== undefined ? 'transport' : undefined;
  const agents =
    options.httpAgent !== undefined || options.httpsAgent !== undefined ? 'httpAgent / httpsAgent' : undefined;
  if (layer !== undefined && agents !== undefined) {
    throw new InvalidRequestError({
      message: 'options "transport" and "httpAgent" / "httpsAgent" exclude each other: the transport does the sending',
      code: 'invalid-option',
    });
  }
  const owner = layer ?? agents;
  if (owner === undefined) return;
  for (const name of ['proxy', 'ca'] as const) {
    if (options[name] === undefined || (name === 'proxy' && options.proxy === false)) continue;
    throw new InvalidRequestError({
      message: `option "${name}" does not apply with "${owner}": give it to your ${owner === 'transport' ? 'transport' : 'agent'} instead`,
      code: 'invalid-option',
    });
  }
}
