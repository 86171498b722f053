/**
 * The extra headers of one attempt: what `hooks.headers` returns (checked), then the call span's
 * trace context (`traceparent` …), which wins over a hook's header of the same name so that the
 * request always names the span that records it. Undefined when there is nothing to add.
 */
import { headerError, checkExtraHeaders } from './request-headers.js';
import type { CallState } from './call-state.js';
import type { RequestEvent } from './hook-events.js';
import type { CallRuntime } from './runtime.js';

export async function attemptHeaders(
  runtime: CallRuntime,
  state: CallState,
  event: RequestEvent,
): Promise<Record<string, string> | undefined> {
  const hook = runtime.headersHook;
  if (hook === undefined && state.span === undefined) return undefined;
  const owner = { dialect: runtime.dialect, apiName: state.apiName };
  let headers: Record<string, string> = {};
  if (hook !== undefined) {
    let returned: unknown;
    try {
      returned = await hook(event);
    } catch (thrown) {
      const message = runtime.redactor.text(thrown instanceof Error ? thrown.message : String(thrown));
      throw headerError(`the hooks.headers hook threw: ${message}`, owner);
    }
    headers = checkExtraHeaders(returned, owner);
  }
  if (state.span !== undefined) {
    const trace: Record<string, string> = {};
    state.span.inject(trace);
    for (const name of Object.keys(headers)) if (Object.hasOwn(trace, name.toLowerCase())) delete headers[name];
    Object.assign(headers, trace);
  }
  return Object.keys(headers).length === 0 ? undefined : headers;
}
