/**
 * OpenClient: construction, the typed-method facade and `close`. A call goes through
 * `client/call-loop.ts` (attempts, recoveries, deadline, abort); the pieces it uses are built once
 * from the options by `client/build-runtime.ts`. Nothing that leaves this class carries a credential.
 */
import { inspect } from 'node:util';
import type { z } from 'zod';
import {
  checkCallApiOptions,
  retryPolicy,
  type CallApiOptions,
  type CallOptions,
  type RequestOptions,
} from './call-options.js';
import { buildRuntime } from './client/build-runtime.js';
import { runCall } from './client/call-loop.js';
import { createCallState } from './client/call-state.js';
import { exchangeAuthorizationCode, exchangeRefreshToken, type OAuthHost } from './client/oauth.js';
import type { CallRuntime } from './client/runtime.js';
import type { TokenResult } from './client/tokens.js';
import { invalidRequest, type Dialect } from './errors.js';
import { crawlRate } from './limiter/options.js';
import type { Cache } from './cache/cache.js';
import type { Offer } from './model/offer.js';
import type { ShopItem } from './model/shop-item.js';
import { getItem, type GetItemOptions } from './methods/get-item.js';
import { getQianniuItems, type QianniuItemsParams } from './methods/get-qianniu-items.js';
import type { MethodHost } from './methods/host.js';
import type { ItemIdInput } from './methods/item-id.js';
import { iterateShopItems, type IterateShopItemsOptions } from './methods/iterate-shop-items.js';
import { paginate, type PaginateOptions } from './methods/paginate.js';
import type { QianniuPage } from './methods/mappers/qianniu-page.js';
import type { ShopPage } from './methods/mappers/shop-page.js';
import { resolveResponseCache } from './methods/response-cache.js';
import { sessionScope } from './methods/scope.js';
import { searchShopItems, type ShopSearchParams } from './methods/search-shop-items.js';
import { TmcConsumer } from './messages/tmc-consumer.js';
import type { TmcConsumerOptions } from './messages/tmc-options.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.js';
import { normalizeParams, type NormalizedParams } from './signing/normalize.js';
import { parseResponse } from './methods/validate.js';
import type { Transport } from './transport/transport.js';

export type { CallApiOptions, CallOptions, RequestOptions } from './call-options.js';

/** The client of one app on one gateway (TOP, AOP or OneBound): signed, rate-limited, retried calls and typed methods. */
export class OpenClient {
  readonly dialect: Dialect;
  private readonly options: ResolvedOptions;
  private readonly runtime: CallRuntime;
  /** Set by the first `close()`; later calls to `close()` wait for the same end. */
  private closing: Promise<void> | undefined;
  /** What the typed methods (getItem, searchShopItems …) see of this client. */
  private readonly methods: MethodHost;
  /** The response cache store and the transport this client created: released on close. */
  private readonly owned: { cache: Cache | undefined; transport: Transport | undefined };

  constructor(options: ClientOptions = {}) {
    const resolved = resolveOptions(options);
    // Checked before anything that holds resources (scheduler, sockets) is created.
    const responseCache = resolveResponseCache(resolved.responseCache);
    this.options = resolved;
    this.dialect = resolved.dialect;
    this.runtime = buildRuntime(resolved, (refreshToken) => this.refreshAccessToken(refreshToken));
    this.owned = {
      cache: responseCache.owned,
      transport: resolved.transport === undefined ? this.runtime.transport : undefined,
    };
    this.methods = {
      dialect: resolved.dialect,
      call: (apiName, params, requestOptions) => this.send(apiName, params, requestOptions),
      userScope: resolved.dialect === 'top' ? sessionScope(resolved.appKey, resolved.session) : undefined,
      lang: resolved.lang,
      responseCache: responseCache.settings,
      crawlRate: crawlRate(resolved.limits),
    };
  }

  /** This client's clock; its offset follows the gateway's `Date` header after a timestamp error. */
  get clock(): CallRuntime['clock'] {
    return this.runtime.clock;
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

  /**
   * Every item of every page of any paged API: `options.pageParam` names the page parameter,
   * `options.read` turns a page's payload into `{ items, total?, pageCount? }`. Stops at the first
   * empty page, at ceil(total / pageSize), at `maxPages`, and with a `ResponseError` on a repeated page.
   */
  paginate<T>(
    apiName: string,
    params: Readonly<Record<string, unknown>>,
    options: PaginateOptions<T>,
  ): AsyncGenerator<T, void, undefined> {
    // Never the response cache: an arbitrary API may be user-scoped.
    return paginate(this.methods, apiName, params ?? {}, { ...options, cache: false });
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

  /**
   * Calls any API of the client's gateway and returns the unwrapped payload; with `schema`, the
   * payload validated by that zod schema, typed as its output (a mismatch is a `ResponseError` naming the path).
   */
  call<S extends z.ZodType>(
    apiName: string,
    params: Readonly<Record<string, unknown>>,
    options: CallApiOptions<S> & { schema: S },
  ): Promise<z.output<S>>;
  call(apiName: string, params?: Readonly<Record<string, unknown>>, options?: CallApiOptions): Promise<unknown>;
  async call(
    apiName: string,
    params: Readonly<Record<string, unknown>> = {},
    options: CallApiOptions = {},
  ): Promise<unknown> {
    const { schema, ...requestOptions } = checkCallApiOptions(options);
    const payload = await this.send(apiName, normalizeParams(params ?? {}), requestOptions);
    return schema === undefined ? payload : parseResponse(schema, payload, { dialect: this.dialect, apiName });
  }

  /** A call whose parameters are normalised and whose options are checked (by `call` or a typed method). */
  private async send(apiName: string, params: NormalizedParams, options: RequestOptions): Promise<unknown> {
    if (this.runtime.lifecycle.closing) throw invalidRequest('this OpenClient is closed');
    if (typeof apiName !== 'string' || apiName === '') throw invalidRequest('apiName must be a non-empty string');
    const { runtime } = this;
    runtime.adapter.validateApiName(apiName);
    const policy = retryPolicy(runtime.defaults.retry, options.retry);
    return runtime.lifecycle.track(runCall(runtime, createCallState(runtime, apiName, params, options, policy)));
  }

  /** AOP: exchanges an OAuth authorisation code for tokens (and remembers them for later calls). */
  getAccessToken(code: string, redirectUri: string): Promise<TokenResult> {
    return exchangeAuthorizationCode(this.oauthHost('getAccessToken'), code, redirectUri);
  }

  /** AOP: a new access token from a refresh token (and remembers it for later calls). */
  refreshAccessToken(refreshToken: string): Promise<TokenResult> {
    return exchangeRefreshToken(this.oauthHost('refreshAccessToken'), refreshToken);
  }

  /**
   * Stops every call and releases the scheduler, timers and keep-alive sockets. From the moment it
   * begins no attempt starts (retries waiting and calls queued end at once); a call whose attempt
   * is on the wire ends with what that attempt gets. Resolves when no call is left.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const { lifecycle, scheduler } = this.runtime;
    lifecycle.beginClose();
    await scheduler.close();
    await lifecycle.drain();
    await this.owned.transport?.close?.();
    await this.owned.cache?.close?.();
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

  private oauthHost(method: string): OAuthHost {
    if (this.dialect !== 'aop') {
      throw invalidRequest(`${method} is for the aop dialect (1688 OAuth); this client is ${this.dialect}`);
    }
    return {
      appKey: this.options.appKey,
      appSecret: this.options.appSecret,
      call: (apiName, params, options) => this.call(apiName, params, options),
      learn: (value) => this.runtime.redactor.add(value),
      adopt: (result) => this.runtime.tokens?.adopt(result),
    };
  }
}
