/**
 * Explicit means explicit (issue 14 item 8): a client built with its own options never sends what
 * `OPEN1688_*` says (another seller's session, another gateway), and only `OpenClient.fromEnv`
 * reads those variables, its overrides winning. What was sent is read from the sandboxes' request logs.
 */
import { AuthenticationError, OpenClient } from '../../src/index';
import { demoClientOptions } from '../../src/sandbox/demo-client';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure } from '../support/sandbox-clients';

const QIANNIU = 'taobao.qianniu.item.get'; // needs a session: the sandbox answers 26 without one

let ours: Sandbox;
let elsewhere: Sandbox;
const made: OpenClient[] = [];
let saved: NodeJS.ProcessEnv;

beforeAll(async () => {
  [ours, elsewhere] = await Promise.all([startSandbox({ limits: false }), startSandbox({ limits: false })]);
});

beforeEach(() => {
  saved = { ...process.env };
  ours.reset();
  elsewhere.reset();
  // Another seller's credentials and gateway, as a shared machine's environment might hold them.
  Object.assign(process.env, {
    OPEN1688_DIALECT: 'top',
    OPEN1688_APP_KEY: SANDBOX_DEFAULTS.appKey,
    OPEN1688_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
    OPEN1688_SESSION: SANDBOX_DEFAULTS.session,
    OPEN1688_BASE_URL: elsewhere.urls.top,
  });
});

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await Promise.all([ours.close(), elsewhere.close()]);
});

function keep(client: OpenClient): OpenClient {
  made.push(client);
  return client;
}

const explicitOptions = () => {
  const { session: _none, ...options } = demoClientOptions(ours, 'top');
  return { ...options, limits: false as const, retry: false as const };
};

describe('an explicit client reads no environment', () => {
  it('sends no session from OPEN1688_SESSION and uses its own baseUrl, not OPEN1688_BASE_URL', async () => {
    const client = keep(new OpenClient(explicitOptions()));
    const error = await failure(client.call(QIANNIU, {}));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(ours.log.map((entry) => [entry.api, entry.code])).toEqual([[QIANNIU, '26']]); // Missing Session
    expect(elsewhere.log).toHaveLength(0);
  });

  it('with the same options through fromEnv, the session and the URL of the environment are used', async () => {
    const { baseUrl: _fromEnv, ...options } = explicitOptions();
    const client = keep(OpenClient.fromEnv(options));
    await client.call(QIANNIU, {});
    expect(elsewhere.log.map((entry) => [entry.api, entry.outcome])).toEqual([[QIANNIU, 'ok']]);
    expect(ours.log).toHaveLength(0);
  });

  it('fromEnv overrides win over the variables', async () => {
    const client = keep(OpenClient.fromEnv({ baseUrl: ours.urls.top, limits: false }));
    await client.call(QIANNIU, {}); // the session still comes from OPEN1688_SESSION
    expect(ours.log.map((entry) => [entry.api, entry.outcome])).toEqual([[QIANNIU, 'ok']]);
    expect(elsewhere.log).toHaveLength(0);
  });

  it('fromEnv reads the env it is given instead of process.env', async () => {
    const client = keep(
      OpenClient.fromEnv(
        { limits: false },
        {
          OPEN1688_DIALECT: 'top',
          OPEN1688_APP_KEY: SANDBOX_DEFAULTS.appKey,
          OPEN1688_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
          OPEN1688_BASE_URL: ours.urls.top,
        },
      ),
    );
    const error = await failure(client.call(QIANNIU, {}, { retry: false }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(ours.log.map((entry) => entry.code)).toEqual(['26']); // no OPEN1688_SESSION in that env
  });
});
