/**
 * What a typed method needs from the client: its dialect, `call`, and the settings that decide how
 * a read is cached. The client builds one of these for its methods; the methods never see the
 * credentials themselves (a session is only known here through a hash of it).
 */
import type { Cache } from '../cache/cache.js';
import type { CallOptions, RequestOptions } from '../call-options.js';
import type { Dialect } from '../errors.js';
import type { NormalizedParams } from '../signing/normalize.js';
import type { CrawlRate } from './prefetch-depth.js';

export type { CallOptions };

export interface ResponseCacheSettings {
  store: Cache;
  ttlMs: number;
  /** Told when the store fails; the call goes on without the cache. */
  onCacheError?: (error: unknown, operation: 'get' | 'set') => void;
}

export interface MethodHost {
  readonly dialect: Dialect;
  /** `client.call` for parameters already normalised and options already checked (each done once). */
  call(apiName: string, params: NormalizedParams, requestOptions: RequestOptions): Promise<unknown>;
  /**
   * Whose data a call's answer is: a hash of the session (TOP), access token or seller (AOP), the
   * call's own or else the client's, never the credential itself; undefined when it acts for nobody.
   * Throws `InvalidRequestError` for a per-call credential the dialect has no use for.
   */
  scopeFor(requestOptions: RequestOptions, where: string): Promise<string | undefined>;
  /** The client's default OneBound `lang`, made explicit in params so that it is part of cache keys. */
  readonly lang: string | undefined;
  readonly responseCache: ResponseCacheSettings | undefined;
  /** The client's rate limit as a crawl sizes its prefetch by it; undefined without limits. */
  readonly crawlRate?: CrawlRate | undefined;
}
