/** Shared command-line plumbing: usage errors, key=value pairs, exit codes, stdin. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { quote } from '../text/quote.js';

export const EXIT_OK = 0;
/** A runtime failure: the gateway refused, the network failed, a port was taken. */
export const EXIT_API_ERROR = 1;
export const EXIT_USAGE = 2;
/** What a shell reports for a command stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A failure at run time that is not the gateway's (a port already in use, a sandbox that cannot
 * start): printed as one line with its hint, exit code 1, like an API error and unlike a usage error.
 */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    /** What to do about it, printed after the message. */
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal: `item` prints a table there and JSON into a pipe. */
  stdoutIsTTY?: boolean;
  /** Whether stderr is a terminal: progress bars are drawn only there. */
  stderrIsTTY?: boolean;
  /** Whether stdin is a terminal: a secret is never read from one (it would be echoed as typed). */
  stdinIsTTY?: boolean;
  /** All of stdin as text (`item -`, `--app-secret-stdin`); absent where there is no stdin. */
  readStdin?: () => Promise<string>;
  /** Calls `handler` on the first Ctrl-C (a second one kills as usual); returns the unsubscribe. */
  onInterrupt?: (handler: () => void) => () => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  onInterrupt: (handler) => {
    process.once('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
};

/** `parseArgs` with strict flags, its errors turned into one-line usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's messages are long and mention internals; keep the first sentence.
    const message = (error as Error).message.split('. ')[0] ?? 'bad arguments';
    throw new UsageError(message);
  }
}

/** The one positional a command takes: a usage error when it is missing (`missing`) or followed by more. */
export function onePositional(positionals: readonly string[], missing: string): string {
  const [first, ...extra] = positionals;
  if (first === undefined) throw new UsageError(missing);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${quote(extra[0] ?? '')}`);
  return first;
}

/** `key=value` positionals into an object; the first `=` splits, so values may contain `=`. */
export function parsePairs(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`expected key=value, got ${quote(pair)}`);
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return params;
}

/** All of stdin, read once per run: `what` names the reader in the error when there is none. */
export async function readStdin(io: CliIo, what: string): Promise<string> {
  if (!io.readStdin) throw new UsageError(`${what} reads stdin, and there is none here`);
  return io.readStdin();
}
