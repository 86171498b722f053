/** The `open1688` command: dispatches to one module per sub-command. */
import { type CliIo, processIo, UsageError, EXIT_USAGE } from './args.js';
import { credentialsOf, reportError } from './error-report.js';
import { maskedIo } from './mask.js';
import { quote } from '../text/quote.js';
import { USAGE, type CommandName } from './usage.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

// Each command is loaded when it runs: `--help` and a usage error load none of them.
const COMMANDS: Record<CommandName, { load: () => Promise<Command>; usage: string }> = {
  item: { load: async () => (await import('./item.js')).runItem, usage: USAGE.item },
  shop: { load: async () => (await import('./shop.js')).runShop, usage: USAGE.shop },
  price: { load: async () => (await import('./price.js')).runPrice, usage: USAGE.price },
  call: { load: async () => (await import('./call.js')).runCall, usage: USAGE.call },
  sign: { load: async () => (await import('./sign.js')).runSign, usage: USAGE.sign },
  listen: { load: async () => (await import('./listen.js')).runListen, usage: USAGE.listen },
  'push-verify': { load: async () => (await import('./push-verify.js')).runPushVerify, usage: USAGE['push-verify'] },
  sandbox: { load: async () => (await import('./sandbox.js')).runSandbox, usage: USAGE.sandbox },
  demo: { load: async () => (await import('./demo.js')).runDemo, usage: USAGE.demo },
  record: { load: async () => (await import('./record.js')).runRecord, usage: USAGE.record },
};

// Commands that print what a gateway sent: a server that echoes the request could put a credential
// in a title or a payload, so their output is masked like their errors. (`sign` prints no server
// text, and masks whole values only.)
const PRINTS_SERVER_TEXT: ReadonlySet<string> = new Set<CommandName>([
  'item',
  'shop',
  'price',
  'call',
  'demo',
  'listen',
  'push-verify',
  'record',
]);

function commandNamed(name: string): (typeof COMMANDS)[CommandName] | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
}

export function helpText(): string {
  const lines = ['open1688: SDK and command line for the 1688 / Taobao open platforms', '', 'commands:'];
  for (const { usage } of Object.values(COMMANDS)) lines.push(`  ${usage.replace(/\n/g, '\n  ')}`, '');
  lines.push(
    'Every command takes --help, and --verbose (errors then also show the redacted request).',
    'Exit codes: 0 ok, 1 API error, 2 usage error.',
  );
  return lines.join('\n') + '\n';
}

/** `--verbose` belongs to every command, so it is taken out here (up to a `--` terminator). */
function takeVerbose(args: string[]): { args: string[]; verbose: boolean } {
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  const rest = end === -1 ? [] : args.slice(end);
  const kept = flags.filter((arg) => arg !== '--verbose');
  return { args: [...kept, ...rest], verbose: kept.length !== flags.length };
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = commandNamed(name);
  const { args, verbose } = takeVerbose(rest);
  const credentials = credentialsOf(argv, io.env);
  try {
    if (!command) throw new UsageError(`unknown command ${quote(name)}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(command.usage + '\n');
      return 0;
    }
    const run = await command.load();
    return await run(args, PRINTS_SERVER_TEXT.has(name) ? maskedIo(io, credentials) : io);
  } catch (error) {
    return reportError(error, io, {
      command: command ? name : undefined,
      verbose,
      credentials,
    });
  }
}
