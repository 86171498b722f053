/**
 * `open1688 record --dir DIR <item|call|shop|price> …`: runs that command as usual, with every
 * answer the gateway sends written (credentials masked) to a fixture file in DIR, for
 * `open1688 sandbox --fixtures DIR` and `startSandbox({ fixtures: { dir } })` to serve again.
 */
import { FileRecorder } from '../record/recorder.js';
import type { Fixture } from '../record/fixture.js';
import { quote } from '../text/quote.js';
import { type CliIo, UsageError, EXIT_API_ERROR } from './args.js';
import { wrappedClientOptions } from './client-flags.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const RECORDABLE: Record<string, () => Promise<Command>> = {
  item: async () => (await import('./item.js')).runItem,
  call: async () => (await import('./call.js')).runCall,
  shop: async () => (await import('./shop.js')).runShop,
  price: async () => (await import('./price.js')).runPrice,
};

/** `--dir DIR` / `--dir=DIR`, then the command and its own arguments. */
function parse(args: string[]): { dir: string; name: string; rest: string[] } {
  let dir: string | undefined;
  let at = 0;
  while (at < args.length && args[at]!.startsWith('--dir')) {
    const arg = args[at]!;
    if (arg === '--dir') {
      dir = args[at + 1];
      at += 2;
    } else if (arg.startsWith('--dir=')) {
      dir = arg.slice('--dir='.length);
      at += 1;
    } else break;
  }
  if (dir === undefined || dir === '') throw new UsageError('missing --dir: open1688 record --dir DIR <command> …');
  const name = args[at];
  if (name === undefined) throw new UsageError('missing the command to record: item, call, shop or price');
  if (!Object.hasOwn(RECORDABLE, name)) {
    throw new UsageError(`cannot record ${quote(name)}: use item, call, shop or price`);
  }
  return { dir, name, rest: args.slice(at + 1) };
}

export async function runRecord(args: string[], io: CliIo): Promise<number> {
  const { dir, name, rest } = parse(args);
  const files = new FileRecorder(dir);
  const failures: string[] = [];
  // The client logs a recorder failure only to its logger: the command must say so and fail.
  const recorder = {
    record: async (fixture: Fixture) => {
      try {
        await files.record(fixture);
      } catch (error) {
        failures.push(`${fixture.api}: ${(error as Error).message}`);
      }
    },
  };
  const run = await RECORDABLE[name]!();
  const code = await wrappedClientOptions.run({ recorder }, () => run(rest, io));
  const { written } = files;
  io.stderr(`recorded ${written.length} answer file${written.length === 1 ? '' : 's'} in ${dir}\n`);
  for (const failure of failures) io.stderr(`could not record ${failure}\n`);
  return failures.length > 0 && code === 0 ? EXIT_API_ERROR : code;
}
