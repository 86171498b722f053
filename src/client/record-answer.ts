/**
 * Hands one answer to the `recorder` option, credentials masked: the body through the client's
 * redactor (every known credential in every form it can come back in, and any value next to a
 * credential's name, so a gateway echoing the session or the signature leaves no trace), the
 * parameters without credentials or common ones. A recorder that fails is logged; the call goes on.
 */
import type { PreparedRequest } from '../dialects/types.js';
import { businessParams, FIXTURE_FORMAT, type Fixture } from '../record/fixture.js';
import type { TransportResponse } from '../transport/transport.js';
import type { CallRuntime } from './runtime.js';
import { OAUTH_API } from './tokens.js';

export async function recordAnswer(
  runtime: CallRuntime,
  apiName: string,
  prepared: PreparedRequest,
  answer: TransportResponse,
  redact: (text: string) => string,
): Promise<void> {
  const { recorder } = runtime;
  // A token exchange answers with nothing but credentials: there is nothing to replay once masked.
  if (recorder === undefined || apiName === OAUTH_API) return;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(businessParams(runtime.dialect, prepared.params))) {
    params[key] = redact(value);
  }
  const fixture: Fixture = {
    format: FIXTURE_FORMAT,
    dialect: runtime.dialect,
    api: apiName,
    params,
    status: answer.status,
    body: redact(answer.body),
  };
  try {
    await recorder.record(fixture);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    runtime.events.log('warn', { apiName, error: message }, 'open1688: the recorder failed; the call goes on');
  }
}
