/**
 * How the CLI reports a failure: one line `<ErrorClass>: <message> (hint: <what to do>)`, the
 * server's message verbatim inside it, and with --verbose the redacted request below. The exit code
 * tells a script what kind of failure it was. Credentials given on the command line or in the
 * environment are masked in whatever is printed, whatever the error says.
 */
import {
  AbortError,
  AuthenticationError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  OpenApiError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ResponseError,
  ServiceError,
  SignatureError,
  TimeoutError,
  TimestampError,
} from '../errors.js';
import { type CliIo, CommandError, EXIT_API_ERROR, EXIT_USAGE, UsageError } from './args.js';
import { paintFor } from './color.js';
import { type Credential, maskSecrets } from './mask.js';
import { terminalText } from './terminal-text.js';

type Hint = (error: OpenApiError) => string;

// The first class the error is an instance of gives the hint (the classes are siblings today).
const HINTS: ReadonlyArray<[new (...args: never[]) => OpenApiError, Hint]> = [
  [SignatureError, () => 'run `open1688 sign` with the same params and compare the canonical string'],
  [
    AuthenticationError,
    () =>
      'check the app key, and the session (top: --session / OPEN1688_SESSION) or access token (aop: --access-token / OPEN1688_ACCESS_TOKEN)',
  ],
  [TimestampError, () => "sync this computer's clock (NTP): the gateway accepts Beijing time within minutes"],
  [
    PermissionError,
    () =>
      'the app may not call this API: request the permission or check the IP whitelist in the open platform console',
  ],
  [
    RateLimitError,
    (error) =>
      (error as RateLimitError).local
        ? 'the local queue is full: make fewer calls at once'
        : 'too many calls: wait a moment, or lower OPEN1688_QPS / OPEN1688_PER_MINUTE to the app’s limits',
  ],
  [QuotaExceededError, () => 'the quota or balance is used up: wait until it resets or top it up'],
  [
    InvalidRequestError,
    (error) =>
      isLocal(error)
        ? 'fix the value named above and run again'
        : 'check the parameter names and values this API expects (open1688 call shows the raw answer)',
  ],
  [NotFoundError, () => 'check the id, the shop or the API name, and that --dialect matches the gateway'],
  [ServiceError, () => 'the platform failed on its side: try again later'],
  [NetworkError, () => 'check the network and the gateway URL (--base-url / OPEN1688_BASE_URL)'],
  [TimeoutError, () => 'the gateway is slow: try again, or raise OPEN1688_TIMEOUT_MS'],
  [AbortError, () => 'the call was cancelled before it finished'],
  [
    ResponseError,
    () => 'the answer was not what this API returns: check --dialect and --base-url, rerun with --verbose',
  ],
];

/** An InvalidRequestError raised by our own checks, before a request went out. */
function isLocal(error: OpenApiError): boolean {
  return error.httpStatus === undefined && error.request === undefined;
}

// Where a command's own failure reads better with its own words (`auth` has no session or access token yet).
const COMMAND_HINTS: Readonly<Record<string, ReadonlyArray<[new (...args: never[]) => OpenApiError, Hint]>>> = {
  auth: [
    [
      AuthenticationError,
      () => 'check the app key and secret; a code works once, for 2 minutes: run open1688 auth again',
    ],
  ],
};

/** The hint of `command` for this error when it has one, else the general one. */
function commandHint(error: OpenApiError, command: string | undefined): string {
  const own = command === undefined ? undefined : COMMAND_HINTS[command];
  for (const [kind, hint] of own ?? []) if (error instanceof kind) return hint(error);
  return hintFor(error);
}

export function hintFor(error: OpenApiError): string {
  for (const [kind, hint] of HINTS) if (error instanceof kind) return hint(error);
  return 'rerun with --verbose to see the request';
}

/** Exit code 2 for a mistake caught before sending, 1 for what the gateway (or the way there) refused. */
export function exitCodeFor(error: OpenApiError): number {
  return error instanceof InvalidRequestError && isLocal(error) ? EXIT_USAGE : EXIT_API_ERROR;
}

const SECRET_FLAGS: Record<string, string> = {
  '--app-secret': 'secret',
  '--secret': 'secret',
  '--session': 'session',
  '--access-token': 'access_token',
};
const SECRET_VARIABLES: Record<string, string> = {
  OPEN1688_APP_SECRET: 'secret',
  OPEN1688_SESSION: 'session',
  OPEN1688_ACCESS_TOKEN: 'access_token',
  OPEN1688_REFRESH_TOKEN: 'refresh_token',
};
// Shorter values would mask ordinary words of a message; the client redacts its own secrets anyway.
const MIN_MASKED_LENGTH = 4;

/** The credential values this invocation carries, from `--flag value`, `--flag=value` and the environment. */
export function credentialsOf(argv: readonly string[], env: NodeJS.ProcessEnv): Credential[] {
  const found: Credential[] = [];
  argv.forEach((arg, index) => {
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const label = SECRET_FLAGS[flag ?? ''];
    const value = inline ?? argv[index + 1];
    if (label !== undefined && value !== undefined) found.push({ value, label });
  });
  for (const [variable, label] of Object.entries(SECRET_VARIABLES)) {
    const value = env[variable];
    if (value) found.push({ value, label });
  }
  return found.filter((credential) => credential.value.length >= MIN_MASKED_LENGTH);
}

export interface ReportContext {
  command: string | undefined;
  verbose: boolean;
  credentials: readonly Credential[];
}

/** An expected error as its line's parts and exit code; undefined for anything else (a bug). */
export function describeError(
  error: unknown,
  command: string | undefined,
): { name: string; message: string; hint: string; code: number } | undefined {
  if (error instanceof UsageError) {
    const help = command === undefined ? 'open1688 --help' : `open1688 ${command} --help`;
    return { name: error.name, message: error.message, hint: `${help} shows the usage`, code: EXIT_USAGE };
  }
  if (error instanceof CommandError) {
    return { name: error.name, message: error.message, hint: error.hint, code: EXIT_API_ERROR };
  }
  if (error instanceof OpenApiError) {
    return {
      name: error.name,
      message: oneLine(error.message),
      hint: commandHint(error, command),
      code: exitCodeFor(error),
    };
  }
  return undefined;
}

/**
 * Prints `<prefix><ErrorClass>: <message> (hint: …)` (the class in red where stderr takes colour)
 * and returns the exit code; anything that is not an expected error is rethrown.
 */
export function reportError(error: unknown, io: CliIo, context: ReportContext, prefix = ''): number {
  // Control sequences first: a credential split by one would otherwise be whole once printed.
  const clean = (text: string) => maskSecrets(terminalText(text), context.credentials);
  const described = describeError(error, context.command);
  if (!described) throw error;
  const paint = paintFor(io.stderrIsTTY, io.env);
  io.stderr(
    `${clean(prefix)}${paint.red(clean(described.name))}: ${clean(described.message)} ` +
      `${paint.dim(`(hint: ${clean(described.hint)})`)}\n`,
  );
  if (context.verbose && error instanceof OpenApiError) io.stderr(clean(verboseLines(error)));
  return described.code;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The redacted request and the error's fields (errors never hold parameter values or credentials). */
function verboseLines(error: OpenApiError): string {
  const lines: string[] = [];
  const { request } = error;
  if (request) {
    lines.push(`  request: ${request.method} ${request.url}`);
    lines.push(`  params:  ${request.paramNames.join(', ')} (values not shown)`);
  }
  const details = error.toJSON();
  delete details.message;
  delete details.request;
  lines.push(`  error:   ${JSON.stringify(details)}`);
  return lines.join('\n') + '\n';
}
