/**
 * The pieces of a client, made from its resolved options: the dialect that signs, the transport,
 * the scheduler of its app key, the redactor that knows its credentials, and the token source.
 */
import { Clock } from '../clock.js';
import { createDialect } from '../dialects/index.js';
import { createScheduler } from '../limiter/index.js';
import type { ResolvedOptions } from '../options.js';
import { resolveRecorder } from '../record/recorder.js';
import { AxiosTransport } from '../transport/axios-transport.js';
import { Redactor } from '../transport/redact.js';
import { Events } from './events.js';
import { UrlRotation } from './failover.js';
import { Lifecycle } from './lifecycle.js';
import type { CallRuntime } from './runtime.js';
import { TokenManager, type TokenResult } from './tokens.js';

/** `exchangeRefreshToken`: how the token manager turns a refresh token into a new access token. */
export type RefreshExchange = (refreshToken: string) => Promise<TokenResult>;

export function buildRuntime(options: ResolvedOptions, refresh: RefreshExchange): CallRuntime {
  const redactor = new Redactor([options.appSecret, options.session, options.accessToken, options.refreshToken]);
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
    onRateLimited: (event) => events.emit('onRateLimited', { ...event }),
  });
  const tokens =
    options.dialect === 'aop'
      ? new TokenManager({
          accessToken: options.accessToken,
          refreshToken: options.refreshToken,
          provider: options.tokenProvider,
          exchange: refresh,
          learn: (value) => redactor.add(value),
        })
      : undefined;
  return {
    dialect: options.dialect,
    appKey: options.appKey,
    adapter,
    transport:
      options.transport ?? new AxiosTransport({ maxBodyBytes: options.maxBodyBytes, userAgent: options.userAgent }),
    scheduler,
    clock: new Clock(),
    events,
    redactor,
    tokens,
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
