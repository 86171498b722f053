/** The `open1688` command: dispatches to one module per sub-command. */
import { type CliIo, processIo, UsageError, EXIT_USAGE } from './args.js';
import { credentialsOf, reportError } from './error-report.js';
import { maskedIo } from './mask.js';
import { resolveSecretSource } from './secret-source.js';
import { quote } from '../text/quote.js';
import { CONVENTIONS, ENVIRONMENT, USAGE, type CommandName } from './usage.js';
import { packageVersion } from './version.js';

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
  auth: { load: async () => (await import('./auth.js')).runAuth, usage: USAGE.auth },
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

/** `open1688 --help`: every command's usage, the conventions, exit codes and environment. */
export function helpText(): string {
  const lines = [`open1688 ${packageVersion()}: SDK and command line for the 1688 / Taobao open platforms`, ''];
  lines.push('usage: open1688 <command> [flags]   (open1688 help <command>, open1688 --version)', '', 'commands:');
  for (const { usage } of Object.values(COMMANDS)) lines.push(`  ${usage.replace(/\n/g, '\n  ')}`, '');
  lines.push(CONVENTIONS, '', ENVIRONMENT);
  return lines.join('\n') + '\n';
}

/** `open1688 help <command>` and `open1688 <command> --help`: that command's usage and the conventions. */
export function commandHelp(name: CommandName): string {
  return `${USAGE[name]}\n\n${CONVENTIONS}\n(open1688 --help also lists the environment variables.)\n`;
}

/** `--verbose` belongs to every command, so it is taken out here (up to a `--` terminator). */
function takeVerbose(args: string[]): { args: string[]; verbose: boolean } {
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  const rest = end === -1 ? [] : args.slice(end);
  const kept = flags.filter((arg) => arg !== '--verbose');
  return { args: [...kept, ...rest], verbose: kept.length !== flags.length };
}

/** Runs one command line and returns its exit code (0 ok, 1 runtime failure, 2 usage error, 130 Ctrl-C). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A script that forgot its arguments gets the usage where it sees errors, and a failure.
    io.stderr(helpText());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout(helpText());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const helpFor = name === 'help' ? rest[0] : undefined;
  const command = commandNamed(helpFor ?? name);
  const { args, verbose } = takeVerbose(rest);
  let credentials = credentialsOf(argv, io.env);
  try {
    if (!command) throw new UsageError(`unknown command ${quote(helpFor ?? name)}`);
    if (helpFor !== undefined || args.includes('--help') || args.includes('-h')) {
      if (rest.length > 1 && helpFor !== undefined) throw new UsageError(`unexpected argument ${quote(rest[1] ?? '')}`);
      io.stdout(commandHelp((helpFor ?? name) as CommandName));
      return 0;
    }
    const resolved = await resolveSecretSource(args, io);
    credentials = credentialsOf(resolved.args, io.env);
    const run = await command.load();
    return await run(resolved.args, PRINTS_SERVER_TEXT.has(name) ? maskedIo(resolved.io, credentials) : resolved.io);
  } catch (error) {
    return reportError(error, io, {
      command: command ? (helpFor ?? name) : undefined,
      verbose,
      credentials,
    });
  }
}
