/**
 * Read calls through the optional response cache. A hit returns the payload stored earlier; a miss
 * makes one request however many identical calls wait for it (single flight), and stores the payload
 * only when the call succeeded AND the method's `map` (validation and mapping to the model) accepted
 * it: the mapping runs inside the cache's load, so a malformed answer is never stored and the next
 * call asks the gateway again instead of failing on the cached copy for the whole TTL. The key is `cacheKey(dialect, api, params, { scope })`: the
 * parameters a method sends never include credentials (the dialect adds those later), timestamps or
 * signatures, and the scope is a hash of the seller's session or token (methods/scope.ts).
 *
 * Payloads are stored as JSON text. The transport has already turned ids above 2^53 into strings,
 * so a payload read back from the cache is the same as the one first received, digit for digit.
 */
import { cacheKey } from '../cache/cache-key.js';
import { withCache } from '../cache/with-cache.js';
import type { NormalizedParams } from '../signing/normalize.js';
import type { CallOptions, MethodHost } from './host.js';
import { abortError } from './abort.js';

export interface ReadCallOptions<T> {
  /** Whose data this is (`host.scopeFor` when absent); undefined for data that is the same for everyone. */
  scope?: string | undefined;
  /**
   * Validates the payload and maps it to what the method returns; throws (a `ResponseError`) when
   * the payload is not what the API documents. Default: the payload as it is.
   */
  map?: (payload: unknown) => T;
}

export async function readCall<T = unknown>(
  host: MethodHost,
  apiName: string,
  params: NormalizedParams,
  callOptions: CallOptions = {},
  options: ReadCallOptions<T> = {},
): Promise<T> {
  const map = options.map ?? ((payload: unknown) => payload as T);
  const { cache: useCache, ...requestOptions } = callOptions;
  const settings = host.responseCache;
  if (settings === undefined || useCache === false) return map(await host.call(apiName, params, requestOptions));
  // Every call that acts for a seller is cached under its scope, whichever way it got here.
  const scope = 'scope' in options ? options.scope : await host.scopeFor(requestOptions, apiName);
  const key = cacheKey(host.dialect, apiName, params, { scope });
  // The shared request is not tied to one waiter's signal: each waiter stops waiting on its own
  // abort, the request itself finishes for the others (and fills the cache).
  const { signal, ...shared } = requestOptions;
  // The loader maps before it returns: a payload that fails validation rejects the load, and
  // withCache stores only what a load returned. The caller that ran the load keeps its mapped value.
  let loaded: { value: T } | undefined;
  const load = async (): Promise<string> => {
    const payload = await host.call(apiName, params, shared);
    loaded = { value: map(payload) };
    return JSON.stringify(payload);
  };
  const pending = withCache(settings.store, key, settings.ttlMs, load, {
    ...(settings.onCacheError === undefined ? {} : { onCacheError: settings.onCacheError }),
  });
  const text = await untilAborted(pending, signal, () => abortError(host.dialect, apiName));
  if (loaded !== undefined) return loaded.value;
  return map(JSON.parse(text) as unknown);
}

/** `work`'s result, unless `signal` aborts first (then `makeError()` is thrown and `work` goes on). */
export async function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  makeError: () => Error,
): Promise<T> {
  if (signal === undefined) return work;
  // The abandoned work may still fail: nobody waits for it any more, so its rejection is handled here.
  work.catch(() => undefined);
  if (signal.aborted) throw makeError();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(makeError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}
