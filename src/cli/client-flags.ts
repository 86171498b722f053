/**
 * The OpenClient of a command: from the credential flags, else the OPEN1688_* environment
 * (`OpenClient.fromEnv`), or with
 * `--sandbox` from an in-process sandbox and its demo app. A missing secret is a usage error that
 * names both ways out, raised before anything is sent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { OpenClient } from '../client.js';
import type { ClientOptions } from '../options.js';
import { DIALECTS, type Dialect } from '../errors.js';
import type { LimitSettings, Sandbox } from '../sandbox/index.js';
import { type CliIo, CommandError, UsageError } from './args.js';
import { quote } from '../text/quote.js';

/** The flags every command that calls a gateway accepts (spread into its parseFlags options). */
export const CLIENT_FLAGS = {
  dialect: { type: 'string' },
  'app-key': { type: 'string' },
  'app-secret': { type: 'string' },
  'base-url': { type: 'string' },
  session: { type: 'string' },
  'access-token': { type: 'string' },
  sandbox: { type: 'boolean' },
} as const;

export interface ClientFlagValues {
  dialect?: string | undefined;
  'app-key'?: string | undefined;
  'app-secret'?: string | undefined;
  'base-url'?: string | undefined;
  session?: string | undefined;
  'access-token'?: string | undefined;
  sandbox?: boolean | undefined;
}

/** Options a wrapping command (`open1688 record`) adds to every client made while it runs. */
export const wrappedClientOptions = new AsyncLocalStorage<Partial<ClientOptions>>();

/** A client and what has to be stopped with it. */
export interface CommandClient {
  client: OpenClient;
  /** Set with --sandbox: the gateway running in this process. */
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

function dialectOf(text: string | undefined): Dialect | undefined {
  if (text === undefined) return undefined;
  if (!(DIALECTS as readonly string[]).includes(text)) {
    throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}, got ${quote(text)}`);
  }
  return text as Dialect;
}

/** Explicit flags only: undefined ones leave the environment's value in place. */
function flagOptions(values: ClientFlagValues, dialect: Dialect | undefined): Partial<ClientOptions> {
  return {
    dialect,
    appKey: values['app-key'],
    appSecret: values['app-secret'],
    baseUrl: values['base-url'],
    session: values.session,
    accessToken: values['access-token'],
  };
}

/**
 * `--sandbox`: the sandbox's demo app on the chosen dialect (top by default). Credential flags
 * still win, so that `--sandbox --app-secret wrong` shows what a signature error looks like; the
 * environment is ignored, so a real secret never goes to the sandbox.
 */
async function sandboxClient(
  values: ClientFlagValues,
  dialect: Dialect | undefined,
  limits: SandboxLimits | undefined,
): Promise<CommandClient> {
  // Loaded only for --sandbox: every other run of the command never loads the sandbox.
  const [{ startSandbox }, { demoClientOptions }] = await Promise.all([
    import('../sandbox/index.js'),
    import('../sandbox/demo-client.js'),
  ]);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(limits === undefined ? {} : { limits });
  } catch (error) {
    // Not the caller's mistake (the loopback interface, say, refused): a runtime failure, exit 1.
    throw new CommandError(`cannot start the sandbox: ${(error as Error).message}`, 'rerun; if it persists, report it');
  }
  const chosen = dialect ?? 'top';
  try {
    const client = new OpenClient({
      ...demoClientOptions(sandbox, chosen),
      ...(limits === undefined ? {} : { limits }),
      ...definedOnly(flagOptions(values, chosen)),
      ...wrappedClientOptions.getStore(),
    });
    return {
      client,
      sandbox,
      close: async () => {
        await client.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Limits for an in-process sandbox and its client alike, so that the client keeps to the sandbox's. */
export type SandboxLimits = Pick<LimitSettings, 'qps' | 'perMinute'>;

export async function clientFromFlags(
  values: ClientFlagValues,
  io: CliIo,
  sandboxLimits?: SandboxLimits,
): Promise<CommandClient> {
  const dialect = dialectOf(values.dialect);
  if (values.sandbox) return sandboxClient(values, dialect, sandboxLimits);
  const appSecret = values['app-secret'] ?? io.env.OPEN1688_APP_SECRET;
  if (!appSecret) {
    throw new UsageError(
      'missing secret: pass --app-secret, --app-secret-file or --app-secret-stdin, or set OPEN1688_APP_SECRET, or try --sandbox',
    );
  }
  if (!(values['app-key'] ?? io.env.OPEN1688_APP_KEY)) {
    throw new UsageError('missing app key: pass --app-key or set OPEN1688_APP_KEY, or try --sandbox');
  }
  if (!(values.dialect ?? io.env.OPEN1688_DIALECT)) {
    throw new UsageError('missing dialect: pass --dialect top|aop|onebound or set OPEN1688_DIALECT');
  }
  // The one place besides OpenClient.fromEnv's callers where OPEN1688_* fill options: flags win.
  // A bad option (an unparsable URL, say) throws InvalidRequestError before anything is sent.
  const client = OpenClient.fromEnv(
    { ...definedOnly(flagOptions(values, dialect)), ...wrappedClientOptions.getStore() },
    io.env,
  );
  return { client, sandbox: undefined, close: () => client.close() };
}
