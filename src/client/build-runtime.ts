/**
 * The pieces of a client, made from its resolved options: the dialect that signs, the transport,
 * the scheduler of its app key, the redactor that knows its credentials, and the token source.
 */
import { Clock } from '../clock.js';
import { createDialect } from '../dialects/index.js';
import { createScheduler } from '../limiter/index.js';
import type { ResolvedOptions } from '../options.js';
import { resolveRecorder } from '../record/recorder.js';
import { createDefaultTransport } from '../transport/default-transport.js';
import { proxySecrets } from '../transport/proxy-settings.js';
import { Redactor } from '../transport/redact.js';
import { Events } from './events.js';
import { UrlRotation } from './failover.js';
import { Lifecycle } from './lifecycle.js';
import type { CallRuntime } from './runtime.js';
import { SellerTokenSource } from '../auth/seller-token-source.js';
import { TokenManager, type TokenResult } from './tokens.js';

/** `exchangeRefreshToken`: how a refresh token becomes a new access token. */
export type RefreshExchange = (refreshToken: string) => Promise<TokenResult>;

/** The client's own refresh (which it then uses), and a seller's (which only the token store keeps). */
export interface Exchanges {
  refresh: RefreshExchange;
  refreshForSeller: RefreshExchange;
}

export function buildRuntime(options: ResolvedOptions, exchanges: Exchanges): CallRuntime {
  const redactor = new Redactor([
    options.appSecret,
    options.session,
    options.accessToken,
    options.refreshToken,
    ...proxySecrets(options.proxySettings),
  ]);
  const events = new Events(options.logger, options.hooks, (text) => redactor.text(text));
  const adapter = createDialect(options.dialect, {
    appKey: options.appKey,
    appSecret: options.appSecret,
    signMethod: options.signMethod,
    session: options.session,
    lang: options.lang,
    cache: options.cache,
  });
  const scheduler = createScheduler({
    appKey: options.appKey,
    limits: options.limits,
    logger: events.logger,
    // The limiter reports what only it sees (a full queue); gateway pauses are reported by the client.
    onRateLimited: (event) => events.emit({ type: 'rate-limited', ...event }),
  });
  const tokens =
    options.dialect === 'aop'
      ? new TokenManager({
          accessToken: options.accessToken,
          refreshToken: options.refreshToken,
          provider: options.tokenProvider,
          exchange: exchanges.refresh,
          learn: (value) => redactor.add(value),
        })
      : undefined;
  return {
    dialect: options.dialect,
    appKey: options.appKey,
    adapter,
    transport:
      options.transport ??
      createDefaultTransport({
        maxBodyBytes: options.maxBodyBytes,
        userAgent: options.userAgent,
        proxy: options.proxySettings,
        ca: options.ca,
        httpAgent: options.httpAgent,
        httpsAgent: options.httpsAgent,
      }),
    scheduler,
    clock: new Clock(),
    events,
    headersHook: options.hooks?.headers,
    tracing: options.tracing,
    redactor,
    tokens,
    sellers:
      options.tokenStore === undefined
        ? undefined
        : new SellerTokenSource({ store: options.tokenStore, exchange: exchanges.refreshForSeller }),
    urls: new UrlRotation([options.baseUrl, ...options.backupUrls]),
    lifecycle: new Lifecycle(),
    recorder: resolveRecorder(options.recorder),
    defaults: {
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      queueTimeoutMs: options.queueTimeoutMs,
      retry: options.retry,
      maxBodyBytes: options.maxBodyBytes,
    },
  };
}
