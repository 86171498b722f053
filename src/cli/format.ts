/** Output formats of the commands: a table for people, JSON or CSV for programs. */
import { type CliIo, UsageError } from './args.js';
import { terminalJson } from './terminal-text.js';
import { quote } from '../text/quote.js';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** `--format`, or by default a table on a terminal and JSON into a pipe or a file. */
export function outputFormat(flag: string | undefined, io: CliIo): Format {
  if (flag === undefined) return io.stdoutIsTTY ? 'table' : 'json';
  if (!(FORMATS as readonly string[]).includes(flag)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${quote(flag)}`);
  }
  return flag as Format;
}

const bigintAsText = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

/** Pretty JSON with a final newline; the gateway's `raw` payload is left out of model objects. */
export function toJson(value: unknown): string {
  return terminalJson(JSON.stringify(value, bigintAsText, 2)) + '\n';
}

/** One JSON line (JSON lines: a listing a program reads line by line), bigints as exact strings. */
export function jsonLine(value: unknown): string {
  return terminalJson(JSON.stringify(value, bigintAsText)) + '\n';
}

/**
 * How a listing prints: `--json` (JSON lines) or `--table` when given, else a table on a terminal
 * and JSON lines into a pipe or a file, so that `| jq` and `| wc -l` see one item a line.
 */
export function listingFormat(
  flags: { json?: boolean | undefined; table?: boolean | undefined },
  io: CliIo,
): 'json' | 'table' {
  if (flags.json && flags.table) throw new UsageError('--json and --table exclude each other');
  if (flags.json) return 'json';
  if (flags.table) return 'table';
  return io.stdoutIsTTY ? 'table' : 'json';
}

/** A model object without the gateway's payload (`call` is the command for raw answers). */
export function withoutRaw<T extends { raw?: unknown }>(value: T): Omit<T, 'raw'> {
  const { raw: _raw, ...rest } = value;
  return rest;
}

/** A whole positive number from a flag, or a usage error naming the flag. */
export function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1, got ${quote(text)}`);
  }
  return value;
}
