/** Runs the built CLI (dist/cjs/cli/bin.js) as a child process, the way a user's shell does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = resolve(ROOT, 'dist/cjs/cli/bin.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  result: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
}

// Jest's workers may run with FORCE_COLOR set: the CLI would then colour its error lines.
const COLOR_VARIABLES = new Set(['NO_COLOR', 'FORCE_COLOR']);

/** The environment without any OPEN1688_* or colour variable of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OPEN1688_') && !COLOR_VARIABLES.has(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does)`);
}

function collect(child: ChildProcess): RunningCli {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const result = new Promise<CliResult>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
  return { child, result, stdout: () => stdout, stderr: () => stderr };
}

/** Starts `node bin.js …args` with stdout and stderr piped (so neither is a TTY), stdin empty or `input`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), input?: string): RunningCli {
  assertBuilt();
  const stdin = input === undefined ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT, stdio: [stdin, 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin?.end(input);
  return collect(child);
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return startCli(args, env, input).result;
}

/** Single-quotes a word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs a shell command under a pseudo-terminal (util-linux `script`), so that stdout and stderr
 * are TTYs as in a terminal; both arrive merged on the result's stdout. `-e` passes the exit code on.
 */
export function runUnderTty(command: string, env: NodeJS.ProcessEnv = cleanEnv(), cwd = ROOT): Promise<CliResult> {
  return collect(spawn('script', ['-qec', command, '/dev/null'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }))
    .result;
}

/** A bash command line with pipefail, so that the CLI's exit code shows through a pipe. */
export function runShell(command: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  const child = spawn('bash', ['-c', `set -o pipefail; ${command}`], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child).result;
}

/** The CLI command line for runUnderTty and runShell. */
export function cliCommand(args: string[]): string {
  assertBuilt();
  return [process.execPath, BIN, ...args].map(shellQuote).join(' ');
}
