/**
 * Where the examples send their calls. With OPEN1688_APP_KEY and OPEN1688_APP_SECRET set, the gateway
 * those OPEN1688_* variables describe (`OpenClient.fromEnv` reads them; `new OpenClient` never does). Otherwise the built-in sandbox,
 * started in this process, with its demo app: no account, no network beyond 127.0.0.1.
 */
import { OpenClient, type ClientOptions } from 'open1688';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SandboxOptions } from 'open1688/sandbox';

export interface Gateway {
  client: OpenClient;
  /** The in-process sandbox, when no credentials were set. */
  sandbox: Sandbox | undefined;
  /** One line saying where the calls go. */
  description: string;
  /** Closes the client (and its limiter), then the sandbox. */
  close(): Promise<void>;
}

export function hasCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OPEN1688_APP_KEY && env.OPEN1688_APP_SECRET);
}

/** The OPEN1688_* variables that point a client (in any process) at a running sandbox's TOP router. */
export function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  return {
    OPEN1688_DIALECT: 'top',
    OPEN1688_APP_KEY: SANDBOX_DEFAULTS.appKey,
    OPEN1688_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
    OPEN1688_SESSION: SANDBOX_DEFAULTS.session,
    OPEN1688_BASE_URL: sandbox.urls.top,
  };
}

export async function connect(
  options: { client?: Partial<ClientOptions>; sandbox?: SandboxOptions } = {},
): Promise<Gateway> {
  if (hasCredentials()) {
    const client = OpenClient.fromEnv(options.client);
    return {
      client,
      sandbox: undefined,
      description: `the ${client.dialect} gateway from OPEN1688_* (${process.env.OPEN1688_BASE_URL ?? 'its default URL'})`,
      close: () => client.close(),
    };
  }
  const sandbox = await startSandbox(options.sandbox);
  try {
    // Only the sandbox's variables: a half-set OPEN1688_* must not point the demo app elsewhere.
    const client = OpenClient.fromEnv(options.client, sandboxEnv(sandbox));
    return {
      client,
      sandbox,
      description: `the built-in sandbox at ${sandbox.url} (set OPEN1688_APP_KEY and OPEN1688_APP_SECRET for a real gateway)`,
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
