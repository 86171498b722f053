/** The `open1688` command: dispatches to one module per sub-command. */
import { OpenApiError } from '../errors.js';
import { type CliIo, EXIT_API_ERROR, EXIT_USAGE, processIo, UsageError } from './args.js';
import { runDemo, demoUsage } from './demo.js';
import { runSandbox, sandboxUsage } from './sandbox.js';
import { runSign, signUsage } from './sign.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  sign: { run: runSign, usage: signUsage },
  demo: { run: runDemo, usage: demoUsage },
  sandbox: { run: runSandbox, usage: sandboxUsage },
};

export function helpText(): string {
  const lines = ['open1688: SDK and command line for the 1688 / Taobao open platforms', '', 'commands:'];
  for (const { usage } of Object.values(COMMANDS)) lines.push(`  ${usage.replace(/\n/g, '\n  ')}`, '');
  lines.push('open1688 <command> --help shows the usage of one command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (try open1688 --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** One line per error, never a stack trace for an expected one. */
function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`usage error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof OpenApiError) {
    io.stderr(`${error.name}: ${error.message}\n`);
    return error.code === 'invalid-request' ? EXIT_USAGE : EXIT_API_ERROR;
  }
  throw error;
}
