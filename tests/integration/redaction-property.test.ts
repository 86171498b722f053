/**
 * The property behind redaction: random credentials of random characters (spaces, `!'()~`, `+`,
 * `%`, quotes, `&=?#`, non-ASCII) never appear, in any encoding, in any error (message, toJSON,
 * util.inspect, stack, cause), log line, hook event or CLI output, whatever a hostile gateway on
 * 127.0.0.1 echoes (tests/support/hostile-server.ts), for all three dialects, GET and POST. Neither
 * does any signature the gateway received.
 */
import fc from 'fast-check';
import { OpenClient } from '../../src/index';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/args';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { GATEWAY_PATH, HOSTILE_CALL, keepError, leaks, observer, type Dialect } from '../support/hostile-matrix';

jest.setTimeout(120_000);

const SEED = 1688;

const unit = fc.constantFrom(
  ...'abcXYZ0189'.split(''),
  ...[' ', '!', "'", '(', ')', '~', '+', '%', '"', '\\', '/', '&', '=', '?', '#', '<', ':', ',', ';'],
  ...['é', '中', '😀', '\t'],
);
const credential = fc
  .string({ unit, minLength: 8, maxLength: 24 })
  // Three letters or digits, no character three times in a row: text that cannot turn up by chance.
  .filter((value) => (value.match(/[A-Za-z0-9]/g)?.length ?? 0) >= 3 && !/(.)\1\1/u.test(value));
const credentials = fc.record({
  secret: credential,
  session: credential,
  accessToken: credential,
  refreshToken: credential,
  code: credential,
});

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

it('no credential or signature in any error, log line or hook event of the SDK', async () => {
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(
      credentials,
      fc.constantFrom<Dialect>('top', 'aop', 'onebound'),
      fc.constantFrom('GET', 'POST') as fc.Arbitrary<'GET' | 'POST'>,
      async (creds, dialect, httpMethod) => {
        server.reply = undefined;
        server.signatures.clear();
        const texts: string[] = [];
        const client = new OpenClient({
          dialect,
          appKey: '10000001',
          appSecret: creds.secret,
          session: dialect === 'top' ? creds.session : undefined,
          accessToken: dialect === 'aop' ? creds.accessToken : undefined,
          refreshToken: dialect === 'aop' ? creds.refreshToken : undefined,
          baseUrl: server.url + GATEWAY_PATH[dialect],
          retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
          limits: false,
          ...observer(texts),
        });
        const [api, params] = HOSTILE_CALL[dialect];
        for (let i = 0; i < 4; i++) {
          calls += 1;
          await client.call(api, params, { httpMethod }).catch((error: unknown) => keepError(texts, error));
        }
        if (dialect === 'aop') {
          await client.refreshAccessToken(creds.refreshToken).catch((error: unknown) => keepError(texts, error));
          await client
            .getAccessToken(creds.code, 'http://localhost/cb')
            .catch((error: unknown) => keepError(texts, error));
        }
        await client.close();
        expect(texts.length).toBeGreaterThan(8);
        expect(leaks(texts, creds, server.signatures)).toEqual([]);
      },
    ),
    { seed: SEED, numRuns: 60 },
  );
  expect(calls).toBe(240);
});

it('no credential or signature in the output of the CLI', async () => {
  await fc.assert(
    fc.asyncProperty(
      credentials,
      fc.constantFrom<Dialect>('top', 'aop', 'onebound'),
      fc.constantFrom('error', 'success-echo') as fc.Arbitrary<'error' | 'success-echo'>,
      fc.boolean(),
      async (creds, dialect, reply, asFlags) => {
        server.reply = reply;
        server.signatures.clear();
        const out: string[] = [];
        const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), env: {} };
        const given = { OPEN1688_APP_SECRET: creds.secret, OPEN1688_SESSION: creds.session };
        const token = { OPEN1688_ACCESS_TOKEN: creds.accessToken };
        const [api, params] = HOSTILE_CALL[dialect];
        const pairs = Object.entries(params).map(([key, value]) => `${key}=${value}`);
        const argv = ['call', api, ...pairs, '--dialect', dialect, '--base-url', server.url + GATEWAY_PATH[dialect]];
        argv.push('--app-key', '10000001', '--verbose');
        if (asFlags) {
          argv.push('--app-secret', creds.secret);
          if (dialect === 'top') argv.push('--session', creds.session);
          if (dialect === 'aop') argv.push('--access-token', creds.accessToken);
        } else {
          io.env = { ...(dialect === 'aop' ? token : {}), ...given };
        }
        await main(argv, io);
        expect(out.join('').length).toBeGreaterThan(20);
        const asked = { ...creds, refreshToken: 'unused-refresh', code: 'unused-code' };
        expect(leaks(out, asked, server.signatures)).toEqual([]);
      },
    ),
    { seed: SEED, numRuns: 30 },
  );
});
