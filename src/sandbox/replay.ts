/**
 * Recorded answers and user handlers, served beside the seed data: a call whose dialect, API and
 * business parameters match a fixture file gets its body verbatim (with its HTTP status); otherwise a
 * handler named after the API may answer; otherwise the sandbox answers as it always does. The
 * dialects ask only after their own checks (app key, limits, timestamp, signature, session), so a
 * client that signs wrongly fails against recordings as it would against the gateway.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dialect } from '../errors.js';
import { businessParams, fixtureKey, fixtureSchema, type Fixture } from '../record/fixture.js';
import { describeIssue } from '../zod-issue.js';
import { JSON_TYPE, type Reply } from './reply.js';

/** What a handler is told: the business parameters (credentials and common ones left out) and the call. */
export interface SandboxHandlerCall {
  dialect: Dialect;
  api: string;
}

/**
 * Answers one API: a string is sent verbatim, anything else as JSON, `undefined` leaves the call to
 * the sandbox. The body is the whole answer in the dialect's shape (TOP: `{"<name>_response":{…}}`).
 */
export type SandboxHandler = (params: Readonly<Record<string, string>>, call: SandboxHandlerCall) => unknown;

/** Serves the recorded answers of a fixture directory and the user's handlers. */
export class ReplayStore {
  private readonly apis = new Set<string>();

  private constructor(
    private readonly fixtures: ReadonlyMap<string, Fixture>,
    private readonly handlers: Readonly<Record<string, SandboxHandler>>,
  ) {
    for (const fixture of fixtures.values()) this.apis.add(`${fixture.dialect} ${fixture.api}`);
  }

  /** Reads and validates every `*.json` of `dir`; a bad file fails with its name and the first problem. */
  static async load(
    dir: string | undefined,
    handlers: Readonly<Record<string, SandboxHandler>> = {},
  ): Promise<ReplayStore> {
    for (const [api, handler] of Object.entries(handlers)) {
      if (typeof handler !== 'function') throw new TypeError(`fixtures.handlers["${api}"] must be a function`);
    }
    const fixtures = new Map<string, Fixture>();
    if (dir === undefined) return new ReplayStore(fixtures, handlers);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      throw new Error(`fixtures.dir ${dir}: ${(error as Error).message}`);
    }
    for (const name of names) {
      const file = join(dir, name);
      const fixture = parseFixture(file, await readFile(file, 'utf8'));
      fixtures.set(fixtureKey(fixture.dialect, fixture.api, fixture.params), fixture);
    }
    return new ReplayStore(fixtures, handlers);
  }

  /** Whether anything here may answer this API (so that the dialect does not refuse it as unknown). */
  serves(dialect: Dialect, api: string | undefined): boolean {
    if (api === undefined) return false;
    return this.apis.has(`${dialect} ${api}`) || Object.prototype.hasOwnProperty.call(this.handlers, api);
  }

  /** The recorded or handled answer to this call, or undefined for the sandbox's own. */
  answer(
    dialect: Dialect,
    api: string,
    wireParams: Readonly<Record<string, string>>,
    appKey: string,
  ): Reply | undefined {
    const fields = { appKey, api };
    const fixture = this.fixtures.get(fixtureKey(dialect, api, wireParams));
    if (fixture) {
      const outcome = fixture.status < 400 ? 'ok' : 'error';
      return { status: fixture.status, body: fixture.body, contentType: JSON_TYPE, outcome, ...fields };
    }
    const handler = Object.prototype.hasOwnProperty.call(this.handlers, api) ? this.handlers[api] : undefined;
    if (handler === undefined) return undefined;
    const result = handler(businessParams(dialect, wireParams), { dialect, api });
    if (result === undefined) return undefined;
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { status: 200, body, contentType: JSON_TYPE, outcome: 'ok', ...fields };
  }
}

function parseFixture(file: string, text: string): Fixture {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`fixture file ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    const { path, rule } = describeIssue(parsed.error);
    throw new Error(`fixture file ${file} is not an open1688 fixture: "${path}" ${rule}`);
  }
  return parsed.data;
}
