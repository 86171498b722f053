/**
 * OpenClient: options → dialect + scheduler + transport. `call()` runs every attempt through the
 * scheduler, signs each attempt afresh, reads the envelope into a payload or a typed error, and
 * decides whether and where to try again. Nothing that leaves this class carries a credential.
 */
import { inspect } from 'node:util';
import { Clock, offsetFromDateHeader } from './clock.js';
import { createClientScheduler } from './client/scheduler-factory.js';
import { Events } from './client/events.js';
import { readResponse } from './client/read-response.js';
import { checkRequestOptions, retryPolicy, type RequestOptions } from './client/request-options.js';
import { OAUTH_API, readTokenResult, TokenManager, type TokenResult } from './client/tokens.js';
import { AopDialect } from './dialects/aop.js';
import { isTokenProblem } from './dialects/aop-codes.js';
import { OneboundDialect } from './dialects/onebound.js';
import { TopDialect } from './dialects/top.js';
import type { DialectAdapter, HttpMethod } from './dialects/types.js';
import {
  AbortError,
  AuthenticationError,
  OpenApiError,
  RateLimitError,
  TimeoutError,
  TimestampError,
  invalidRequest,
  type Dialect,
} from './errors.js';
import type { CallScheduler } from './limiter/scheduler.js';
import type { Cache } from './cache/cache.js';
import type { Offer } from './model/offer.js';
import type { ShopItem } from './model/shop-item.js';
import { getItem, type GetItemOptions } from './methods/get-item.js';
import { getQianniuItems, type QianniuItemsParams } from './methods/get-qianniu-items.js';
import type { CallOptions, MethodHost } from './methods/host.js';
import type { ItemIdInput } from './methods/item-id.js';
import { iterateShopItems, type IterateShopItemsOptions } from './methods/iterate-shop-items.js';
import type { QianniuPage } from './methods/mappers/qianniu-page.js';
import type { ShopPage } from './methods/mappers/shop-page.js';
import { resolveResponseCache } from './methods/response-cache.js';
import { sessionScope } from './methods/scope.js';
import { searchShopItems, type ShopSearchParams } from './methods/search-shop-items.js';
import { TmcConsumer } from './messages/tmc-consumer.js';
import type { TmcConsumerOptions } from './messages/tmc-options.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.js';
import { normalizeParams, type NormalizedParams } from './signing/normalize.js';
import { HttpTransport, type HttpResponse } from './transport/http.js';
import { Redactor } from './transport/redact.js';
import { backoffMs, mayRetry, parseRetryAfter, shouldFailover, type RetryPolicy } from './transport/retry.js';

export type { RequestOptions } from './client/request-options.js';

/** A clock more than this far from the gateway's makes a `TimestampError` worth one corrected retry. */
const CLOCK_SKEW_MS = 60_000;

/** After a failover succeeds, new calls start on the working URL for this long, then try the primary again. */
const FAILOVER_STICKY_MS = 30_000;

/** What one call remembers across its attempts. */
interface CallState {
  apiName: string;
  params: NormalizedParams;
  httpMethod: HttpMethod;
  timeoutMs: number;
  deadlineAt: number;
  signal: AbortSignal | undefined;
  attempt: number;
  urlIndex: number;
  token: string | undefined;
  lastResponse: HttpResponse | undefined;
}

/** The client of one app on one gateway (TOP, AOP or OneBound): signed, rate-limited, retried calls and typed methods. */
export class OpenClient {
  readonly dialect: Dialect;
  /** This client's clock; its offset follows the gateway's `Date` header after a timestamp error. */
  readonly clock = new Clock();
  private readonly options: ResolvedOptions;
  private readonly adapter: DialectAdapter;
  private readonly transport: HttpTransport;
  private readonly scheduler: CallScheduler;
  private readonly redactor: Redactor;
  private readonly events: Events;
  private readonly tokens: TokenManager | undefined;
  private readonly urls: readonly string[];
  private closed = false;
  /** What the typed methods (getItem, searchShopItems …) see of this client. */
  private readonly methods: MethodHost;
  /** The response cache store this client created (`store: 'memory'`), cleared on close. */
  private readonly ownedCache: Cache | undefined;
  /** The URL that answered after a failover, and until when new calls start there. */
  private sticky: { index: number; untilMs: number } | undefined;

  constructor(options: ClientOptions = {}) {
    const resolved = resolveOptions(options);
    // Checked before anything that holds resources (scheduler, sockets) is created.
    const responseCache = resolveResponseCache(resolved.responseCache);
    this.ownedCache = responseCache.owned;
    this.options = resolved;
    this.dialect = resolved.dialect;
    this.redactor = new Redactor([resolved.appSecret, resolved.session, resolved.accessToken, resolved.refreshToken]);
    const redact = (text: string): string => this.redactor.text(text);
    this.events = new Events(resolved.logger, resolved.hooks, redact);
    const credentials = {
      appKey: resolved.appKey,
      appSecret: resolved.appSecret,
      signMethod: resolved.signMethod,
      session: resolved.session,
      lang: resolved.lang,
      cache: resolved.cache,
    };
    this.adapter =
      resolved.dialect === 'top'
        ? new TopDialect(credentials)
        : resolved.dialect === 'aop'
          ? new AopDialect(credentials)
          : new OneboundDialect(credentials);
    this.urls = [resolved.baseUrl, ...resolved.backupUrls];
    this.transport = new HttpTransport({ maxBodyBytes: resolved.maxBodyBytes, userAgent: resolved.userAgent });
    this.scheduler = createClientScheduler({
      appKey: resolved.appKey,
      limits: resolved.limits,
      events: this.events,
    });
    this.tokens =
      resolved.dialect === 'aop'
        ? new TokenManager({
            accessToken: resolved.accessToken,
            refreshToken: resolved.refreshToken,
            provider: resolved.tokenProvider,
            exchange: (refreshToken) => this.refreshAccessToken(refreshToken),
            learn: (value) => this.redactor.add(value),
          })
        : undefined;
    this.methods = {
      dialect: resolved.dialect,
      call: (apiName, params, requestOptions) => this.call(apiName, params, requestOptions),
      userScope: resolved.dialect === 'top' ? sessionScope(resolved.appKey, resolved.session) : undefined,
      lang: resolved.lang,
      responseCache: responseCache.settings,
    };
  }

  /**
   * One offer as the normalised `Offer`, whichever gateway answers (TOP `alibaba.item.get`, AOP
   * `alibaba.product.get`, OneBound `item_get_pro`). `itemId`: digits as a string, a bigint, or a
   * number up to 2^53. `callOptions` are `call`'s request options plus `cache: false`.
   */
  getItem(itemId: ItemIdInput, options?: GetItemOptions, callOptions?: CallOptions): Promise<Offer> {
    return getItem(this.methods, itemId, options, callOptions);
  }

  /** One page of a shop's items: `{ items, page, pageSize, pageCount, total }` (pageSize ≤ 100, default 40). */
  searchShopItems(params: ShopSearchParams, callOptions?: CallOptions): Promise<ShopPage> {
    return searchShopItems(this.methods, params, callOptions);
  }

  /** Every item of every page of a shop, pages fetched ahead within the limits; `break` stops it. */
  iterateShopItems(
    params: ShopSearchParams,
    options?: IterateShopItemsOptions,
  ): AsyncGenerator<ShopItem, void, undefined> {
    return iterateShopItems(this.methods, params, options);
  }

  /** TOP `taobao.qianniu.item.get`: the items of the seller whose `session` this client holds. */
  getQianniuItems(params?: QianniuItemsParams, callOptions?: CallOptions): Promise<QianniuPage> {
    return getQianniuItems(this.methods, params, callOptions);
  }

  /**
   * The TOP message channel (TMC) of this client's app: an async iterable of typed messages, each
   * confirmed with `message.confirm()`. Options and the consumer itself: `open1688/messages`.
   */
  messages<T = unknown>(options: Omit<TmcConsumerOptions, 'appKey' | 'appSecret'> = {}): TmcConsumer<T> {
    if (this.dialect !== 'top')
      throw invalidRequest(`messages() is TOP's message channel: this client's dialect is ${this.dialect}`);
    return new TmcConsumer<T>({ ...options, appKey: this.options.appKey, appSecret: this.options.appSecret });
  }

  /** Calls any API of the client's gateway and returns the unwrapped payload. */
  async call(
    apiName: string,
    params: Readonly<Record<string, unknown>> = {},
    requestOptions: RequestOptions = {},
  ): Promise<unknown> {
    if (this.closed) throw invalidRequest('this OpenClient is closed');
    if (typeof apiName !== 'string' || apiName === '') throw invalidRequest('apiName must be a non-empty string');
    this.adapter.validateApiName(apiName);
    const normalized = normalizeParams(params ?? {});
    const ro = checkRequestOptions(requestOptions);
    const policy = retryPolicy(this.options.retry, ro.retry);
    const state: CallState = {
      apiName,
      params: normalized,
      httpMethod: ro.httpMethod ?? this.adapter.defaultMethod,
      timeoutMs: ro.timeoutMs ?? this.options.timeoutMs,
      deadlineAt: Date.now() + (ro.deadlineMs ?? this.options.deadlineMs),
      signal: ro.signal,
      attempt: 0,
      urlIndex: this.startIndex(),
      token: undefined,
      lastResponse: undefined,
    };
    const idempotent = ro.idempotent ?? this.adapter.isRead(apiName);
    let retriesUsed = 0;
    let clockCorrected = false;
    let tokenRefreshed = false;
    let lastError: OpenApiError | undefined;

    for (;;) {
      if (state.signal?.aborted) throw this.fail(state, this.abortError(state));
      if (Date.now() >= state.deadlineAt) throw this.fail(state, lastError ?? this.deadlineError(state));
      state.attempt += 1;
      state.lastResponse = undefined;
      try {
        return await this.scheduled(state, ro.priority);
      } catch (thrown) {
        const error = this.asOpenApiError(thrown, state);
        lastError = error;
        if (error instanceof AbortError || state.signal?.aborted) throw this.fail(state, error);

        // A rejected 1688 token: refresh once (shared with concurrent calls) and repeat.
        if (
          !tokenRefreshed &&
          error instanceof AuthenticationError &&
          this.tokens?.canRefresh() &&
          apiName !== OAUTH_API &&
          isTokenProblem(error.code)
        ) {
          tokenRefreshed = true;
          this.events.log('info', { apiName, code: error.code }, 'open1688: access token rejected, refreshing once');
          try {
            await this.tokens.refresh(state.token);
          } catch (refreshError) {
            throw this.fail(state, this.asOpenApiError(refreshError, state));
          }
          continue;
        }

        // Our clock is off by more than a minute: correct it from the Date header and repeat once.
        if (!clockCorrected && error instanceof TimestampError && this.correctClock(state.lastResponse)) {
          clockCorrected = true;
          continue;
        }

        const retryAfterMs = this.retryAfterOf(error, state);
        if (error instanceof RateLimitError && !error.local)
          this.rateLimited(state, error, retryAfterMs, policy, retriesUsed);

        if (retriesUsed >= policy.retries || !mayRetry(error, idempotent)) throw this.fail(state, error);
        retriesUsed += 1;

        const failover = this.urls.length > 1 && shouldFailover(error);
        if (failover) state.urlIndex = (state.urlIndex + 1) % this.urls.length;
        // A rate-limited client waits inside the scheduler (pauseFor); a new host is tried at once.
        const delayMs =
          error instanceof RateLimitError
            ? 0
            : failover && retryAfterMs === undefined
              ? 0
              : (retryAfterMs ?? backoffMs(policy, retriesUsed));
        const waitMs = error instanceof RateLimitError ? (retryAfterMs ?? 0) : delayMs;
        if (Date.now() + waitMs >= state.deadlineAt) {
          throw this.fail(state, error instanceof RateLimitError ? this.banTooLong(state, error, retryAfterMs) : error);
        }
        this.events.emit('onRetry', {
          apiName,
          dialect: this.dialect,
          attempt: state.attempt,
          delayMs: waitMs,
          failover,
          url: failover ? this.urls[state.urlIndex] : undefined,
          error: error.toJSON(),
        });
        this.events.log(
          'warn',
          { apiName, attempt: state.attempt, delayMs: waitMs, failover, error: error.toJSON() },
          `open1688: ${apiName} attempt ${state.attempt} failed (${error.name}), retrying`,
        );
        if (delayMs > 0) await this.sleep(delayMs, state);
      }
    }
  }

  /** AOP: exchanges an OAuth authorisation code for tokens (and remembers them for later calls). */
  async getAccessToken(code: string, redirectUri: string): Promise<TokenResult> {
    this.requireAop('getAccessToken');
    this.redactor.add(code);
    const result = readTokenResult(
      await this.call(
        OAUTH_API,
        {
          grant_type: 'authorization_code',
          need_refresh_token: 'true',
          client_id: this.options.appKey,
          client_secret: this.options.appSecret,
          redirect_uri: redirectUri,
          code,
        },
        { idempotent: false },
      ),
    );
    this.tokens?.adopt(result);
    return result;
  }

  /** AOP: a new access token from a refresh token (and remembers it for later calls). */
  async refreshAccessToken(refreshToken: string): Promise<TokenResult> {
    this.requireAop('refreshAccessToken');
    this.redactor.add(refreshToken);
    const result = readTokenResult(
      await this.call(
        OAUTH_API,
        {
          grant_type: 'refresh_token',
          client_id: this.options.appKey,
          client_secret: this.options.appSecret,
          refresh_token: refreshToken,
        },
        { idempotent: false },
      ),
    );
    this.tokens?.adopt(result);
    return result;
  }

  /** Releases the scheduler, timers and keep-alive sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.scheduler.close();
    this.transport.close();
    await this.ownedCache?.close?.();
  }

  /** A redacted description: `util.inspect(client)` must not print the secret held inside. */
  toJSON(): Record<string, unknown> {
    return {
      dialect: this.dialect,
      appKey: this.options.appKey,
      baseUrl: this.options.baseUrl,
      backupUrls: this.options.backupUrls,
      timeoutMs: this.options.timeoutMs,
      deadlineMs: this.options.deadlineMs,
    };
  }

  /** What `util.inspect(client)` prints: the redacted `toJSON()` view, never a secret. */
  [inspect.custom](): string {
    return `OpenClient ${inspect(this.toJSON())}`;
  }

  /**
   * One attempt through the scheduler, raced against the call's deadline and the caller's signal: a
   * call waiting in the limiter's queue or behind a rate-limit pause still ends on time. A task that
   * starts after the deadline fails at once inside `attempt`, so nothing is sent for a call that ended.
   */
  private scheduled(state: CallState, priority: number | undefined): Promise<unknown> {
    const task = this.scheduler.schedule(() => this.attempt(state), { priority, signal: state.signal });
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        state.signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (settle()) reject(this.abortError(state));
      };
      const timer = setTimeout(
        () => {
          if (settle()) reject(this.deadlineError(state));
        },
        Math.max(0, state.deadlineAt - Date.now()),
      );
      state.signal?.addEventListener('abort', onAbort, { once: true });
      task.then(
        (value) => {
          if (settle()) resolve(value);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }

  private startIndex(): number {
    const sticky = this.sticky;
    if (sticky === undefined) return 0;
    if (Date.now() < sticky.untilMs) return sticky.index;
    this.sticky = undefined;
    return 0;
  }

  /** One attempt: sign afresh, send, read. Runs inside the scheduler. */
  private async attempt(state: CallState): Promise<unknown> {
    const { apiName } = state;
    if (this.dialect === 'aop' && apiName !== OAUTH_API) state.token = await this.tokens?.current();
    const prepared = this.adapter.build({
      apiName,
      params: state.params,
      baseUrl: this.urls[state.urlIndex] as string,
      httpMethod: state.httpMethod,
      nowMs: this.clock.now(),
      beijingTimestamp: this.clock.timestamp(),
      accessToken: state.token,
    });
    const signature = prepared.signature;
    const redact = (text: string): string => this.redactor.text(text, [signature]);
    const context = { dialect: this.dialect, apiName, request: prepared.redacted, redact };
    const timeoutMs = Math.min(state.timeoutMs, state.deadlineAt - Date.now());
    if (timeoutMs <= 0) throw this.deadlineError(state);
    if (this.events.has('beforeRequest')) {
      this.events.emit('beforeRequest', {
        apiName,
        dialect: this.dialect,
        attempt: state.attempt,
        request: prepared.redacted,
      });
    }
    this.events.log('debug', { apiName, attempt: state.attempt, request: prepared.redacted }, 'open1688: request');
    const response = await this.transport.send(prepared, { timeoutMs, signal: state.signal }, context);
    state.lastResponse = response;
    if (state.urlIndex !== 0 && response.status < 500)
      this.sticky = { index: state.urlIndex, untilMs: Date.now() + FAILOVER_STICKY_MS };
    const requestId = response.headers['x-request-id'];
    if (this.events.has('afterResponse')) {
      this.events.emit('afterResponse', {
        apiName,
        dialect: this.dialect,
        attempt: state.attempt,
        httpStatus: response.status,
        durationMs: response.receivedAtMs - response.sentAtMs,
        requestId,
      });
    }
    return readResponse({ adapter: this.adapter, apiName, prepared, response, redactor: this.redactor, redact });
  }

  /** The server's announced wait: the error's own (TOP ban length) or the `Retry-After` header. */
  private retryAfterOf(error: OpenApiError, state: CallState): number | undefined {
    if (error instanceof RateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
    const response = state.lastResponse;
    return response ? parseRetryAfter(response.headers['retry-after'], Date.now()) : undefined;
  }

  /** Rate-limit feedback: hold the whole client back, log it, tell the hook. */
  private rateLimited(
    state: CallState,
    error: RateLimitError,
    retryAfterMs: number | undefined,
    policy: RetryPolicy,
    retriesUsed: number,
  ) {
    const pauseMs = retryAfterMs ?? Math.max(backoffMs(policy, retriesUsed + 1), policy.minDelayMs);
    // A ban longer than the call's deadline is reported at once; pausing every other call for it
    // would still be right, so the scheduler is told either way.
    // The client reports the event itself (with the API and code), so the scheduler stays quiet.
    this.scheduler.pauseFor(pauseMs, { reported: true });
    const event = {
      apiName: state.apiName,
      dialect: this.dialect,
      attempt: state.attempt,
      pauseMs,
      code: error.code,
      subCode: error.subCode,
      retryAfterMs,
    };
    this.events.log('warn', event, `open1688: ${state.apiName} rate-limited by the gateway, pausing ${pauseMs} ms`);
    this.events.emit('onRateLimited', event);
  }

  private correctClock(response: HttpResponse | undefined): boolean {
    if (response === undefined) return false;
    const offset = offsetFromDateHeader(response.headers.date, response.sentAtMs, response.receivedAtMs);
    if (offset === undefined || Math.abs(offset - this.clock.getOffsetMs()) <= CLOCK_SKEW_MS) return false;
    this.clock.setOffsetMs(offset);
    this.events.log('warn', { offsetMs: offset }, 'open1688: the gateway clock differs from ours; offset corrected');
    return true;
  }

  /** Sets the attempt count, reports the failure, and returns the error to throw. */
  private fail(state: CallState, error: OpenApiError): OpenApiError {
    error.attempts = Math.max(error.attempts, state.attempt);
    if (this.events.has('onError')) {
      this.events.emit('onError', { apiName: state.apiName, dialect: this.dialect, attempts: error.attempts, error });
    }
    this.events.log('error', { apiName: state.apiName, error: error.toJSON() }, `open1688: ${state.apiName} failed`);
    return error;
  }

  private banTooLong(state: CallState, error: RateLimitError, retryAfterMs: number | undefined): RateLimitError {
    if (retryAfterMs === undefined || retryAfterMs === error.retryAfterMs) return error;
    return new RateLimitError({
      message: `${state.apiName}: rate-limited for ${retryAfterMs} ms, longer than what is left of the call's deadline`,
      code: error.code,
      subCode: error.subCode,
      serverMessage: error.serverMessage,
      subMessage: error.subMessage,
      requestId: error.requestId,
      dialect: error.dialect,
      apiName: error.apiName,
      httpStatus: error.httpStatus,
      request: error.request,
      retryAfterMs,
    });
  }

  private asOpenApiError(thrown: unknown, state: CallState): OpenApiError {
    if (thrown instanceof OpenApiError) return thrown;
    // Something below us (scheduler, token provider) threw a foreign error: keep a redacted message only.
    const message = this.redactor.text(thrown instanceof Error ? thrown.message : String(thrown));
    const code = (thrown as { code?: unknown } | null)?.code;
    return new OpenApiError({
      message: `${state.apiName}: ${message}`,
      code: typeof code === 'string' ? code : undefined,
      dialect: this.dialect,
      apiName: state.apiName,
    });
  }

  private deadlineError(state: CallState): TimeoutError {
    return new TimeoutError({
      message: `${state.apiName}: the call's deadline passed`,
      code: 'deadline',
      dialect: this.dialect,
      apiName: state.apiName,
    });
  }

  private abortError(state: CallState): AbortError {
    return new AbortError({
      message: `${state.apiName}: aborted by the caller`,
      code: 'ABORT_ERR',
      dialect: this.dialect,
      apiName: state.apiName,
    });
  }

  /** Waits between attempts; the caller's signal ends the wait (and leaves no timer behind). */
  private sleep(ms: number, state: CallState): Promise<void> {
    return new Promise((resolve) => {
      const signal = state.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, Math.max(0, state.deadlineAt - Date.now())));
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private requireAop(method: string): void {
    if (this.dialect !== 'aop')
      throw invalidRequest(`${method} is for the aop dialect (1688 OAuth); this client is ${this.dialect}`);
  }
}
