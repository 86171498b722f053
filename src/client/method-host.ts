/**
 * What the typed methods see of a client (methods/host.ts): its dialect, `send`, the response
 * cache, and the scope of each call — computed from the call's own credential or the client's,
 * after checking that the dialect has such a credential at all.
 */
import { checkCallCredentials, type RequestOptions } from '../call-options.js';
import type { MethodHost, ResponseCacheSettings } from '../methods/host.js';
import { callScope } from '../methods/scope.js';
import { crawlRate } from '../limiter/options.js';
import type { ResolvedOptions } from '../options.js';
import type { CallRuntime } from './runtime.js';

export function buildMethodHost(
  options: ResolvedOptions,
  runtime: CallRuntime,
  responseCache: ResponseCacheSettings | undefined,
  send: MethodHost['call'],
): MethodHost {
  const source = {
    dialect: options.dialect,
    appKey: options.appKey,
    session: options.session,
    clientToken: async () => (await runtime.tokens?.current()) ?? undefined,
  };
  return {
    dialect: options.dialect,
    call: send,
    scopeFor: async (requestOptions: RequestOptions, where: string) => {
      checkCallCredentials(options.dialect, requestOptions, where, runtime.sellers !== undefined);
      return callScope(source, requestOptions);
    },
    lang: options.lang,
    responseCache,
    // The typed crawls size their prefetch from the limits (methods/prefetch-depth.ts).
    crawlRate: crawlRate(options.limits),
  };
}
