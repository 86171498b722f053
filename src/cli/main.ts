/** The `open1688` command: dispatches to one module per sub-command. */
import { type CliIo, processIo, UsageError, EXIT_USAGE } from './args.js';
import { callUsage, runCall } from './call.js';
import { runDemo, demoUsage } from './demo.js';
import { credentialsOf, reportError } from './error-report.js';
import { itemUsage, runItem } from './item.js';
import { listenUsage, runListen } from './listen.js';
import { priceUsage, runPrice } from './price.js';
import { pushVerifyUsage, runPushVerify } from './push-verify.js';
import { runSandbox, sandboxUsage } from './sandbox.js';
import { runShop, shopUsage } from './shop.js';
import { runSign, signUsage } from './sign.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  item: { run: runItem, usage: itemUsage },
  shop: { run: runShop, usage: shopUsage },
  price: { run: runPrice, usage: priceUsage },
  call: { run: runCall, usage: callUsage },
  sign: { run: runSign, usage: signUsage },
  listen: { run: runListen, usage: listenUsage },
  'push-verify': { run: runPushVerify, usage: pushVerifyUsage },
  sandbox: { run: runSandbox, usage: sandboxUsage },
  demo: { run: runDemo, usage: demoUsage },
};

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
  const command = COMMANDS[name];
  const { args, verbose } = takeVerbose(rest);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(command.usage + '\n');
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io, {
      command: command ? name : undefined,
      verbose,
      credentials: credentialsOf(argv, io.env),
    });
  }
}
