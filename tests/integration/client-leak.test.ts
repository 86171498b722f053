/**
 * The leak test: a run over the whole fault matrix and the credential errors of every dialect, with a
 * logger and every hook attached. The app secret, tokens, session, OAuth code and every signature the
 * client computed are then searched for in every thrown error (JSON, util.inspect, stack, message),
 * every logger line and every hook payload: zero occurrences.
 */
import { inspect } from 'node:util';
import { OpenApiError, type ClientOptions, type Logger, type OpenClient } from '../../src/index';
import { TokenManager, type TokenResult } from '../../src/client/tokens';
import { AopDialect } from '../../src/dialects/aop';
import { TopDialect } from '../../src/dialects/top';
import type { PreparedRequest } from '../../src/dialects/types';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { runFaultMatrix } from '../support/fault-matrix';
import { sandboxClient, SEED_CALL, type DialectName } from '../support/sandbox-clients';

jest.setTimeout(180_000);

const WRONG_SECRET = 'wrong-secret-for-leak-test';
const texts: string[] = [];
const errors: unknown[] = [];
let hookEvents = 0;
let logLines = 0;

const view = (value: unknown): string => `${JSON.stringify(value)}\n${inspect(value, { depth: Infinity })}`;

const logger: Logger = {
  debug: (o, m) => record(o, m),
  info: (o, m) => record(o, m),
  warn: (o, m) => record(o, m),
  error: (o, m) => record(o, m),
};
function record(object: unknown, message?: string): void {
  logLines += 1;
  texts.push(view(object), message ?? '');
}
const hook = (event: unknown): void => {
  hookEvents += 1;
  texts.push(view(event));
};
const observed: Partial<ClientOptions> = {
  logger,
  hooks: { beforeRequest: hook, afterResponse: hook, onRetry: hook, onError: hook, onRateLimited: hook },
};

function keepError(error: unknown): void {
  errors.push(error);
  if (error instanceof Error) {
    texts.push(view(error), error.stack ?? '', error.message, String(error), inspect(error.cause, { depth: Infinity }));
  } else {
    texts.push(view(error));
  }
}

let sandbox: Sandbox;
const signatures = new Set<string>();
const credentials = new Set<string>([
  SANDBOX_DEFAULTS.appSecret,
  SANDBOX_DEFAULTS.accessToken,
  SANDBOX_DEFAULTS.refreshToken,
  SANDBOX_DEFAULTS.session,
  WRONG_SECRET,
]);

beforeAll(async () => {
  // Observe (not replace) what the dialects sign and what tokens the client learns.
  for (const proto of [TopDialect.prototype, AopDialect.prototype]) {
    const original = proto.build;
    jest.spyOn(proto, 'build').mockImplementation(function (this: unknown, ...args: Parameters<typeof original>) {
      const prepared: PreparedRequest = original.apply(this, args);
      if (prepared.signature) signatures.add(prepared.signature);
      return prepared;
    });
  }
  const adopt = TokenManager.prototype.adopt;
  jest.spyOn(TokenManager.prototype, 'adopt').mockImplementation(function (this: TokenManager, result: TokenResult) {
    credentials.add(result.access_token);
    if (result.refresh_token) credentials.add(result.refresh_token);
    return adopt.call(this, result);
  });

  sandbox = await startSandbox({ limits: false, tokenTtlMs: 300, seed: 11 });
  const run = await runFaultMatrix(sandbox, {
    callsPerDialect: (kind) => (kind === 'http-429' || kind === 'rate-limit-error' ? 10 : 24),
    probability: 0.4,
    concurrency: 16,
    clientOptions: () => observed,
  });
  for (const outcome of run.outcomes) if (!outcome.ok) keepError(outcome.error);

  // Credential failures of each dialect, where the server talks about secrets, signatures and tokens.
  const clients: OpenClient[] = [];
  const make = (dialect: DialectName, extra: Partial<ClientOptions>): OpenClient => {
    const client = sandboxClient(sandbox, dialect, { ...observed, ...extra });
    clients.push(client);
    return client;
  };
  // Each failure is recorded as soon as it happens (no promise waits unhandled).
  const attempts: Array<Promise<unknown>> = [];
  const push = (promise: Promise<unknown>): void => {
    attempts.push(promise.catch(keepError));
  };
  for (const dialect of ['top', 'aop', 'onebound'] as const) {
    const [api, params] = SEED_CALL[dialect];
    push(make(dialect, { appSecret: WRONG_SECRET }).call(api, params));
    push(make(dialect, { appKey: 'no-such-app' }).call(api, params));
    push(
      make(dialect, {}).call(api, {
        ...params,
        [dialect === 'onebound' ? 'num_iid' : dialect === 'top' ? 'item_id' : 'productID']: 'x',
      }),
    );
  }
  push(make('top', { session: 'leak-test-invalid-session' }).call('taobao.qianniu.item.get', {}));
  push(make('aop', { accessToken: 'leak-test-invalid-token', refreshToken: undefined }).call(...SEED_CALL.aop));
  credentials.add('leak-test-invalid-session');
  credentials.add('leak-test-invalid-token');

  // OAuth: a code exchange, an expiry and the shared refresh, an unknown code.
  const oauth = make('aop', { accessToken: undefined, refreshToken: undefined });
  const code = sandbox.oauth.issueCode(SANDBOX_DEFAULTS.appKey);
  credentials.add(code);
  await oauth.getAccessToken(code, 'http://localhost/cb');
  await new Promise((resolve) => setTimeout(resolve, 400));
  for (let i = 0; i < 4; i++) push(oauth.call(...SEED_CALL.aop));
  push(oauth.getAccessToken(code, 'http://localhost/cb')); // used twice: invalid_grant
  push(make('aop', {}).refreshAccessToken('leak-test-unknown-refresh'));
  credentials.add('leak-test-unknown-refresh');

  await Promise.all(attempts);
  await Promise.all(clients.map((c) => c.close()));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await sandbox.close();
});

describe('no credential leaves the client', () => {
  it('had plenty to search', () => {
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.every((e) => e instanceof OpenApiError)).toBe(true);
    expect(logLines).toBeGreaterThan(300);
    expect(hookEvents).toBeGreaterThan(300);
    expect(signatures.size).toBeGreaterThan(300);
    expect(credentials.size).toBeGreaterThan(8);
  });

  it('finds no secret, token, session or OAuth code anywhere', () => {
    const all = texts.join('\n');
    for (const credential of credentials) expect([credential, all.includes(credential)]).toEqual([credential, false]);
  });

  it('finds none of the signatures sent', () => {
    const all = texts.join('\n');
    const hexRuns = all.match(/[0-9A-F]{32,64}/g) ?? [];
    const leaked = hexRuns.filter((run) => signatures.has(run));
    expect(leaked).toEqual([]);
    // And no partial run either: every signature is at least 32 hex digits, none appears inside text.
    const sample = [...signatures].slice(0, 200);
    for (const signature of sample) expect(all.includes(signature)).toBe(false);
  });
});
