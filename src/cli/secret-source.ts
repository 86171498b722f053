/**
 * `--app-secret-file PATH` and `--app-secret-stdin`: the app secret from a file or a pipe, so that it
 * appears neither in the shell's history nor in the process list (`ps` shows every argument). Both
 * become `--app-secret=<value>` before the command parses its flags, so every command that takes a
 * secret takes them alike, and main() masks the value like any other credential.
 */
import { readFileSync } from 'node:fs';
import { type CliIo, readStdin, UsageError } from './args.js';

const FILE_FLAG = '--app-secret-file';
const STDIN_FLAG = '--app-secret-stdin';
const DIRECT_FLAGS = ['--app-secret', '--secret'];

/** The text of a secret file or pipe, without the line end an editor or `echo` leaves. */
function secretText(text: string, from: string): string {
  const secret = text.replace(/[\r\n]+$/, '');
  if (secret === '') throw new UsageError(`${from} gave an empty secret`);
  if (/[\r\n]/.test(secret)) throw new UsageError(`${from} holds more than one line: put only the secret in it`);
  return secret;
}

function readSecretFile(path: string): string {
  try {
    return secretText(readFileSync(path, 'utf8'), FILE_FLAG);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The code (ENOENT, EACCES), never the content.
    throw new UsageError(`cannot read ${FILE_FLAG} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function isFlag(arg: string, flag: string): boolean {
  return arg === flag || arg.startsWith(`${flag}=`);
}

/**
 * `args` with a secret source replaced by `--app-secret=<value>`, and `io` whose stdin, once the
 * secret came from it, refuses a second reader (`item -` cannot read ids from the same pipe).
 */
export async function resolveSecretSource(
  args: string[],
  io: CliIo,
): Promise<{ args: string[]; io: CliIo; secret: string | undefined }> {
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  const rest = end === -1 ? [] : args.slice(end);
  const sources = flags.filter((arg) => isFlag(arg, FILE_FLAG) || arg === STDIN_FLAG);
  if (sources.length === 0) return { args, io, secret: undefined };
  if (sources.length > 1) throw new UsageError(`give the secret once: ${FILE_FLAG} or ${STDIN_FLAG}, not both`);
  const direct = DIRECT_FLAGS.find((flag) => flags.some((arg) => isFlag(arg, flag)));
  if (direct) throw new UsageError(`give the secret once: ${direct} or ${sources[0]?.split('=')[0]}, not both`);

  const at = flags.findIndex((arg) => isFlag(arg, FILE_FLAG) || arg === STDIN_FLAG);
  const arg = flags[at] ?? '';
  const inline = arg.startsWith(`${FILE_FLAG}=`) ? arg.slice(FILE_FLAG.length + 1) : undefined;
  const path = arg === STDIN_FLAG ? '-' : (inline ?? flags[at + 1]);
  if (path === undefined || path === '') throw new UsageError(`${FILE_FLAG} needs a PATH (or - for stdin)`);
  const taken = arg === STDIN_FLAG || inline !== undefined ? 1 : 2;
  let secret: string;
  let nextIo = io;
  if (path === '-') {
    if (io.stdinIsTTY) {
      throw new UsageError(`${STDIN_FLAG} reads a pipe, not a terminal (it would echo the secret): use ${FILE_FLAG}`);
    }
    secret = secretText(await readStdin(io, STDIN_FLAG), STDIN_FLAG);
    nextIo = {
      ...io,
      readStdin: () => Promise.reject(new UsageError(`stdin already gave the secret (${STDIN_FLAG})`)),
    };
  } else {
    secret = readSecretFile(path);
  }
  // One argument with `=`: a value starting with `-` cannot be taken for a flag.
  const replaced = [...flags.slice(0, at), `--app-secret=${secret}`, ...flags.slice(at + taken)];
  return { args: [...replaced, ...rest], io: nextIo, secret };
}

/** The secret flags of `sign` and `push-verify`, which take no other credential: `--secret` is the older name. */
export const SECRET_FLAGS = {
  secret: { type: 'string' },
  'app-secret': { type: 'string' },
} as const;

/** The secret of `SECRET_FLAGS` (either name, not both), else OPEN1688_APP_SECRET, else a usage error. */
export function secretOf(
  values: { secret?: string | undefined; 'app-secret'?: string | undefined },
  io: CliIo,
): string {
  if (values.secret !== undefined && values['app-secret'] !== undefined) {
    throw new UsageError('give the secret once: --secret and --app-secret are the same flag');
  }
  const secret = values['app-secret'] ?? values.secret ?? io.env.OPEN1688_APP_SECRET;
  if (!secret) {
    throw new UsageError(
      'missing secret: pass --app-secret, --app-secret-file or --app-secret-stdin, or set OPEN1688_APP_SECRET',
    );
  }
  return secret;
}
