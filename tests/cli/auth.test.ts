/**
 * `open1688 auth`, the built CLI spawned as a user runs it: the whole OAuth round trip against the
 * sandbox (--sandbox approving at once, and a run whose redirect the test delivers as a browser
 * would, after a forged one with the wrong state), failures with their exit codes, and no app
 * secret (nor, on stderr, a token) in anything printed.
 */
import net from 'node:net';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { runCli, startCli, type RunningCli } from './run-cli';

const SECRET = SANDBOX_DEFAULTS.appSecret;
const WRONG_SECRET = 'not-the-sandbox-secret-7f2b';

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function printedTokens(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1); // --json: one line
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe('open1688 auth --sandbox', () => {
  it('prints the authorize URL on stderr and the tokens as JSON on stdout, and neither the secret nor a token on stderr', async () => {
    const result = await runCli(['auth', '--sandbox', '--port', '0', '--json']);
    expect(result.code).toBe(0);
    const tokens = printedTokens(result.stdout);
    expect(tokens).toMatchObject({
      accessToken: expect.stringMatching(/^token-/),
      refreshToken: expect.stringMatching(/^refresh-/),
      expiresInMs: 36_000_000,
      memberId: 'b2b-2206619673102e9470',
      aliId: '2206619673102',
      resourceOwner: 'qin多亲科技',
    });
    expect(new Date(String(tokens.accessTokenExpiresAt)).getTime()).toBeGreaterThan(Date.now());
    expect(result.stderr).toMatch(
      /\/oauth\/authorize\?client_id=10000001&site=1688&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback&state=[0-9a-f]{32}/,
    );
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain(String(tokens.accessToken));
    expect(result.stderr).not.toContain(String(tokens.refreshToken));
    expect(result.stdout).not.toContain(SECRET);
  });

  it('a wrong secret: exit 1, the gateway text in one error line, the secret nowhere', async () => {
    const result = await runCli(['auth', '--sandbox', '--port', '0', '--app-secret', WRONG_SECRET]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /AuthenticationError: .*invalid_client.*client_id \/ client_secret \(or the signature\) do not match the app/,
    );
    expect(result.stderr).toContain('hint: check the app key and secret');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^AuthenticationError: /);
    expect(result.stderr).not.toContain(WRONG_SECRET);
    expect(result.stderr).not.toContain(SECRET);
  });

  it('a port in use is a runtime failure: exit 1 with a message naming the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await runCli(['auth', '--sandbox', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`127.0.0.1:${port} is in use`);
      expect(result.stderr).toContain('--port');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('an app key the sandbox does not know ends at once with exit 1, not at the timeout', async () => {
    const started = Date.now();
    const result = await runCli(['auth', '--sandbox', '--port', '0', '--app-key', 'no-such-app', '--timeout', '120']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the sandbox did not approve');
    expect(Date.now() - started).toBeLessThan(60_000); // far below --timeout: it did not wait for it
  });

  it('a malformed --port or --timeout is a usage error (exit 2), and help lists the command', async () => {
    expect((await runCli(['auth', '--sandbox', '--port', 'http'])).code).toBe(2);
    expect((await runCli(['auth', '--sandbox', '--timeout', '0'])).code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('open1688 auth [--port N]');
  });
});

describe('open1688 auth against a gateway, the redirect delivered by the test as a browser would', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ limits: false });
  });
  afterAll(() => sandbox.close());

  function start(extra: string[] = []): RunningCli {
    return startCli([
      ...['auth', '--port', '0', '--json', '--app-key', SANDBOX_DEFAULTS.appKey, '--app-secret', SECRET],
      ...['--base-url', sandbox.urls.aop, ...extra],
    ]);
  }

  /** The authorize URL the command printed, once it waits for the redirect. */
  async function printedAuthorizeUrl(cli: RunningCli): Promise<URL> {
    await until(() => cli.stderr().includes('Waiting for the redirect'), 'the authorize URL');
    const found = /https:\/\/auth\.1688\.com\/oauth\/authorize\?\S+/.exec(cli.stderr());
    expect(found).not.toBeNull();
    return new URL(found![0]);
  }

  it('ignores a redirect with the wrong state, then exchanges the code of the right one', async () => {
    const cli = start();
    const authorize = await printedAuthorizeUrl(cli);
    expect(authorize.searchParams.get('client_id')).toBe(SANDBOX_DEFAULTS.appKey);
    expect(authorize.searchParams.get('site')).toBe('1688');
    const redirectUri = authorize.searchParams.get('redirect_uri')!;
    const state = authorize.searchParams.get('state')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // A forged redirect (a stale tab, a page that found the port): refused, and the run goes on.
    const forged = sandbox.oauth.issueCode(SANDBOX_DEFAULTS.appKey, redirectUri);
    const refused = await fetch(`${redirectUri}?code=${forged}&state=not-${state}`);
    expect(refused.status).toBe(400);
    await until(() => cli.stderr().includes('state does not match'), 'the ignored-redirect notice');

    const code = sandbox.oauth.issueCode(SANDBOX_DEFAULTS.appKey, redirectUri);
    const page = await fetch(`${redirectUri}?code=${encodeURIComponent(code)}&state=${state}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(code);

    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(printedTokens(result.stdout).accessToken).toMatch(/^token-/);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain(code);
  });

  it('the seller refuses: exit 1 with 1688 error text, no tokens', async () => {
    const cli = start();
    const authorize = await printedAuthorizeUrl(cli);
    const redirectUri = authorize.searchParams.get('redirect_uri')!;
    const state = authorize.searchParams.get('state')!;
    await fetch(
      `${redirectUri}?error=access_denied&error_description=${encodeURIComponent('用户拒绝授权')}&state=${state}`,
    );
    const result = await cli.result;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('access_denied: 用户拒绝授权');
  });

  it('Ctrl-C while waiting stops it with exit 130 and frees the port', async () => {
    const cli = start();
    const authorize = await printedAuthorizeUrl(cli);
    cli.child.kill('SIGINT');
    const result = await cli.result;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    await expect(fetch(authorize.searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('no redirect within --timeout: exit 1 saying so', async () => {
    const result = await start(['--timeout', '1']).result;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no redirect came within 1 s');
  });
});
