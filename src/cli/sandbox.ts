/**
 * `open1688 sandbox`: the local gateway in the foreground, for trying the SDK and for CI smoke tests.
 * Prints the URLs and the demo credentials (the sandbox's own, not a real app); Ctrl-C stops it.
 * Secrets given with --app are never printed.
 */
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SandboxAppOptions } from '../sandbox/index.js';
import { jsonLine } from './format.js';
import { type CliIo, CommandError, parseFlags, UsageError } from './args.js';
import { quote } from '../text/quote.js';

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0))
    throw new UsageError(`${flag} must be a positive number, got ${quote(text)}`);
  return value;
}

function parseApps(values: string[] | undefined): SandboxAppOptions[] {
  const demo: SandboxAppOptions = {
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    accessTokens: [SANDBOX_DEFAULTS.accessToken],
    sessions: [SANDBOX_DEFAULTS.session],
    refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
  };
  const extra = (values ?? []).map((value) => {
    const at = value.indexOf(':');
    if (at <= 0 || at === value.length - 1) throw new UsageError(`--app must be key:secret, got an invalid value`);
    const appKey = value.slice(0, at);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(appKey)) throw new UsageError(`--app key must be letters, digits, _ or -`);
    return { appKey, appSecret: value.slice(at + 1) };
  });
  return [demo, ...extra.filter((app) => app.appKey !== demo.appKey)];
}

/** Runs until `stop` resolves; the command line passes a promise that Ctrl-C / SIGTERM resolves. */
export async function runSandboxUntil(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    port: { type: 'string' },
    app: { type: 'string', multiple: true },
    qps: { type: 'string' },
    'per-minute': { type: 'string' },
    seed: { type: 'string' },
    fixtures: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0] ?? '')}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65535) throw new UsageError('--port must be 0..65535');
  const qps = positiveNumber(values.qps, '--qps');
  const perMinute = positiveNumber(values['per-minute'], '--per-minute');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError('--seed must be an integer');
  const apps = parseApps(values.app);

  let sandbox;
  try {
    sandbox = await startSandbox({
      apps,
      port,
      ...(seed === undefined ? {} : { seed }),
      ...(values.fixtures === undefined ? {} : { fixtures: { dir: values.fixtures } }),
      limits: { ...(qps === undefined ? {} : { qps }), ...(perMinute === undefined ? {} : { perMinute }) },
    });
  } catch (error) {
    const message = `cannot start the sandbox: ${(error as Error).message}`;
    // A bad option (a --fixtures directory that is not there) is the command line's mistake, exit 2;
    // a port already in use is not: a runtime failure, exit 1.
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (syscall !== 'listen') throw new UsageError(message);
    const hint = code === 'EADDRINUSE' ? 'choose another --port, or --port 0 for any free one' : 'try another --port';
    throw new CommandError(message, hint);
  }
  const d = SANDBOX_DEFAULTS;
  if (values.json) {
    // One line a script can read before it starts its tests (the port, when --port 0 chose one).
    const { appKey, appSecret, accessToken, refreshToken, session } = d;
    const credentials = { appKey, appSecret, accessToken, refreshToken, session };
    io.stdout(jsonLine({ url: sandbox.url, urls: sandbox.urls, demo: credentials }));
  } else {
    io.stdout(banner(sandbox, apps, { qps, perMinute, fixtures: values.fixtures }));
  }
  await stop;
  await sandbox.close();
  const stats = sandbox.stats();
  // Status, not output: stdout keeps only the banner (or the JSON line).
  io.stderr(`\nsandbox stopped after ${stats.total} requests.\n`);
  return 0;
}

function banner(
  sandbox: Sandbox,
  apps: SandboxAppOptions[],
  {
    qps,
    perMinute,
    fixtures,
  }: { qps?: number | undefined; perMinute?: number | undefined; fixtures?: string | undefined },
): string {
  const d = SANDBOX_DEFAULTS;
  return [
    `open1688 sandbox listening on ${sandbox.url}`,
    `  TOP       ${sandbox.urls.top}`,
    `  AOP       ${sandbox.urls.aop}param2/1/<namespace>/<api>/<appKey>`,
    `  OneBound  ${sandbox.urls.onebound}1688/<api_name>/`,
    '',
    'demo credentials (the sandbox’s own, not a real app):',
    `  appKey ${d.appKey}  appSecret ${d.appSecret}`,
    `  accessToken ${d.accessToken}  refreshToken ${d.refreshToken}  session ${d.session}`,
    ...apps.slice(1).map((app) => `  also registered: appKey ${app.appKey} (secret as given)`),
    `limits per app key: ${qps ?? 10}/s, ${perMinute ?? 100}/min`,
    ...(fixtures === undefined ? [] : [`serving the answers recorded in ${fixtures}`]),
    '',
    `try: curl '${sandbox.urls.onebound}1688/item_get_pro/?key=${d.appKey}&secret=${d.appSecret}&num_iid=610947572360&result_type=jsonu'`,
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}

export function runSandbox(args: string[], io: CliIo): Promise<number> {
  let onSignal: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => {
    onSignal = resolve;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return runSandboxUntil(args, io, stop).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
}
