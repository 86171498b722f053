/**
 * The fixture file: one recorded answer of one API, written by the recorder and served by the
 * sandbox. It holds the answer's body as the text that arrived (credentials masked) and the business
 * parameters that identify the request: never the common ones (app key, timestamp, signature…) and
 * never a credential. Both sides compute the key with the same functions, so a request the client
 * would send again finds the answer it got.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DIALECTS, type Dialect } from '../errors.js';
import { SENSITIVE_PARAMS } from '../transport/redact.js';

/** The `format` field of every fixture file: a later layout gets a new one. */
export const FIXTURE_FORMAT = 'open1688-fixture/1';

/** One recorded answer, as the JSON file holds it. */
export interface Fixture {
  format: typeof FIXTURE_FORMAT;
  dialect: Dialect;
  /** TOP `method`, AOP `namespace/apiName`, OneBound `api_name`. */
  api: string;
  /** The business parameters, sorted by name, credentials and common parameters left out. */
  params: Record<string, string>;
  /** The HTTP status the gateway answered with. */
  status: number;
  /** The body as received, credentials masked: replayed verbatim. */
  body: string;
}

/** Validates a fixture file's JSON; the sandbox names the file when this fails. */
export const fixtureSchema = z
  .object({
    format: z.literal(FIXTURE_FORMAT),
    dialect: z.enum(DIALECTS),
    api: z.string().min(1),
    params: z.record(z.string(), z.string()),
    status: z.number().int().min(100).max(599),
    body: z.string(),
  })
  .strict();

// What each gateway adds to every call (addressing, timestamps, signing, credentials): not the call's identity.
const COMMON_PARAMS: Readonly<Record<Dialect, ReadonlySet<string>>> = {
  top: new Set(['method', 'app_key', 'timestamp', 'format', 'v', 'sign_method', 'partner_id', 'target_app_key']),
  aop: new Set(['_aop_timestamp', '_aop_datePattern']),
  onebound: new Set(['key', 'api_name']),
};

/** The parameters that identify a call: wire parameters without common ones and credentials, sorted. */
export function businessParams(dialect: Dialect, params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params).sort()) {
    if (COMMON_PARAMS[dialect].has(key) || SENSITIVE_PARAMS.has(key)) continue;
    out[key] = params[key] as string;
  }
  return out;
}

/** The lookup key of a call: dialect, API and the sorted business parameters. */
export function fixtureKey(dialect: Dialect, api: string, params: Readonly<Record<string, string>>): string {
  return JSON.stringify([dialect, api, Object.entries(businessParams(dialect, params))]);
}

/** The file name of a call's fixture: readable API name, then a hash of the whole key. */
export function fixtureFileName(dialect: Dialect, api: string, params: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256')
    .update(fixtureKey(dialect, api, params))
    .digest('hex')
    .slice(0, 16);
  return `${dialect}.${api.replace(/[^A-Za-z0-9._-]/g, '_')}.${hash}.json`;
}

/** The file's text: fields in a fixed order, pretty-printed, so that a re-recording diffs cleanly. */
export function fixtureText(fixture: Fixture): string {
  const ordered: Fixture = {
    format: FIXTURE_FORMAT,
    dialect: fixture.dialect,
    api: fixture.api,
    params: businessParams(fixture.dialect, fixture.params),
    status: fixture.status,
    body: fixture.body,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
