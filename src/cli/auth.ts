/**
 * `open1688 auth`: a seller's first 1688 access token from the command line. It prints the authorize
 * URL (stderr), waits on 127.0.0.1 for 1688's redirect, checks its state, trades the code for tokens
 * and prints them as JSON on stdout. The tokens are this command's output, so stdout is the one place
 * they appear; the app secret is printed nowhere. With --sandbox the built-in sandbox plays 1688 and
 * this command plays the seller's browser, approving at once.
 */
import { randomBytes } from 'node:crypto';
import { authorizeUrl } from '../auth/authorize-url.js';
import { exchangeCode } from '../auth/exchange-code.js';
import type { SellerTokens } from '../auth/seller-tokens.js';
import type { Sandbox } from '../sandbox/index.js';
import { type CliIo, EXIT_API_ERROR, EXIT_INTERRUPTED, EXIT_OK, parseFlags, UsageError } from './args.js';
import { listenForRedirect, PortInUseError, type RedirectListener } from './redirect-listener.js';
import { quote } from '../text/quote.js';
import { terminalText } from './terminal-text.js';
import { sellerFlagOf, storeTokens, storeUrlOf, withoutPassword } from './auth-store.js';

/** The redirect port unless --port is given: register http://127.0.0.1:18688/callback with the app. */
export const DEFAULT_AUTH_PORT = 18688;
const DEFAULT_TIMEOUT_S = 300;

interface App {
  appKey: string;
  appSecret: string;
  /** The AOP gateway for the exchange; 1688's own when undefined. */
  gatewayUrl: string | undefined;
  /** The consent page's host; 1688's own when undefined. */
  authorizeBase: string | undefined;
  sandbox: Sandbox | undefined;
}

function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_AUTH_PORT;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new UsageError(`--port must be 0..65535, got ${quote(text)}`);
  return port;
}

function timeoutOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_S * 1000;
  if (!/^[1-9]\d{0,5}$/.test(text))
    throw new UsageError(`--timeout must be a whole number of seconds, got ${quote(text)}`);
  return Number(text) * 1000;
}

async function appOf(
  values: { sandbox?: boolean; 'app-key'?: string; 'app-secret'?: string; 'base-url'?: string },
  io: CliIo,
): Promise<App> {
  if (values.sandbox) {
    if (values['base-url'] !== undefined) throw new UsageError('--base-url and --sandbox exclude each other');
    // Loaded only for --sandbox; the environment is ignored so that a real secret never goes there.
    const { startSandbox, SANDBOX_DEFAULTS } = await import('../sandbox/index.js');
    const sandbox = await startSandbox({});
    return {
      appKey: values['app-key'] ?? SANDBOX_DEFAULTS.appKey,
      appSecret: values['app-secret'] ?? SANDBOX_DEFAULTS.appSecret,
      gatewayUrl: sandbox.urls.aop,
      authorizeBase: sandbox.url,
      sandbox,
    };
  }
  const appKey = values['app-key'] ?? io.env.OPEN1688_APP_KEY;
  const appSecret = values['app-secret'] ?? io.env.OPEN1688_APP_SECRET;
  if (!appKey) throw new UsageError('missing app key: pass --app-key or set OPEN1688_APP_KEY, or try --sandbox');
  if (!appSecret)
    throw new UsageError('missing secret: pass --app-secret or set OPEN1688_APP_SECRET, or try --sandbox');
  return { appKey, appSecret, gatewayUrl: values['base-url'], authorizeBase: undefined, sandbox: undefined };
}

/** What a browser does with the authorize URL when the seller approves: follow 1688's redirect. */
async function approveInSandbox(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (location === null)
    throw new Error(`the sandbox's consent page answered HTTP ${consent.status} without a redirect`);
  await (await fetch(location)).arrayBuffer();
}

/** The tokens as printed: dates as ISO 8601 text, absent fields left out. */
function tokensJson(tokens: SellerTokens | Record<string, unknown>, oneLine: boolean): string {
  return JSON.stringify(tokens, null, oneLine ? undefined : 2) + '\n';
}

type Outcome =
  { kind: 'code'; code: string } | { kind: 'timeout' } | { kind: 'interrupted' } | { kind: 'failed'; why: string };

/** The first of: the redirect's code, a refusal, the approval failing (--sandbox), the timeout, Ctrl-C. */
function waitForCode(
  listener: RedirectListener,
  approval: Promise<void> | undefined,
  timeoutMs: number,
  io: CliIo,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const outcomes: Array<Promise<Outcome>> = [
    listener.code.then(
      (code) => ({ kind: 'code', code }),
      (error: Error) => ({ kind: 'failed', why: `the authorisation was refused (${terminalText(error.message)})` }),
    ),
    new Promise((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))),
  ];
  // A sandbox that cannot approve (an app key it does not know) would otherwise wait for the timeout.
  if (approval) {
    outcomes.push(
      approval.then(
        () => new Promise<never>(() => undefined),
        (error: Error) => ({ kind: 'failed', why: `the sandbox did not approve: ${error.message}` }),
      ),
    );
  }
  if (io.onInterrupt)
    outcomes.push(new Promise((resolve) => (unsubscribe = io.onInterrupt?.(() => resolve({ kind: 'interrupted' })))));
  return Promise.race(outcomes).finally(() => {
    clearTimeout(timer);
    unsubscribe?.();
  });
}

export async function runAuth(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    port: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    sandbox: { type: 'boolean' },
    'app-key': { type: 'string' },
    'app-secret': { type: 'string' },
    'base-url': { type: 'string' },
    store: { type: 'string' },
    seller: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0] ?? '')}`);
  const port = portOf(values.port);
  const timeoutMs = timeoutOf(values.timeout);
  const storeUrl = storeUrlOf(values.store);
  const sellerFlag = sellerFlagOf(values.seller, storeUrl);
  const app = await appOf(values, io);
  const state = randomBytes(16).toString('hex');
  let listener: RedirectListener | undefined;
  try {
    try {
      listener = await listenForRedirect({ port, state, onIgnored: (why) => io.stderr(`open1688 auth: ${why}\n`) });
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
      io.stderr(
        `open1688 auth: cannot wait for the redirect: ${error.message}; free it or choose another port with --port\n`,
      );
      return EXIT_API_ERROR;
    }
    const url = authorizeUrl({
      appKey: app.appKey,
      redirectUri: listener.redirectUri,
      state,
      baseUrl: app.authorizeBase,
    });
    io.stderr(
      [
        app.sandbox
          ? 'Authorize URL (the sandbox approves at once):'
          : 'Open this URL, sign in as the seller and approve the app:',
        '',
        `  ${url}`,
        '',
        `Waiting for the redirect to ${listener.redirectUri} (at most ${timeoutMs / 1000} s; Ctrl-C stops).`,
        '',
      ].join('\n'),
    );
    // Not awaited alone: the listener's answer is what counts, as with a real browser.
    const approval = app.sandbox ? approveInSandbox(url) : undefined;
    const outcome = await waitForCode(listener, approval, timeoutMs, io);
    if (outcome.kind === 'failed') {
      io.stderr(`open1688 auth: no code: ${outcome.why}\n`);
      return EXIT_API_ERROR;
    }
    if (outcome.kind === 'interrupted') return EXIT_INTERRUPTED;
    if (outcome.kind === 'timeout') {
      io.stderr(
        `open1688 auth: no redirect came within ${timeoutMs / 1000} s; run again (and approve sooner), or raise --timeout\n`,
      );
      return EXIT_API_ERROR;
    }
    io.stderr('Redirect received; exchanging the code for tokens.\n');
    const tokens = await exchangeCode({
      appKey: app.appKey,
      appSecret: app.appSecret,
      code: outcome.code,
      redirectUri: listener.redirectUri,
      baseUrl: app.gatewayUrl,
    });
    if (storeUrl === undefined) io.stdout(tokensJson(tokens, values.json === true));
    else {
      try {
        io.stdout(tokensJson(await storeTokens(storeUrl, sellerFlag, tokens), values.json === true));
      } catch (error) {
        // The code cannot be exchanged twice: tokens that could not be stored are printed, not lost.
        const why = withoutPassword(error instanceof Error ? error.message : String(error), storeUrl);
        io.stderr(`open1688 auth: could not store the tokens (${terminalText(why)}); printing them instead\n`);
        io.stdout(tokensJson(tokens, values.json === true));
        return EXIT_API_ERROR;
      }
    }
    return EXIT_OK;
  } finally {
    await listener?.close();
    await app.sandbox?.close();
  }
}
