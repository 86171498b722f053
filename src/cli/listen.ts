/**
 * `open1688 listen`: the TOP message channel in the terminal. Each message is printed, then confirmed
 * (unless --no-confirm); on a terminal as one readable line, into a pipe as one JSON object a line
 * (ids as strings, exact). Connection news goes to stderr. With --sandbox an in-process sandbox
 * publishes a few demo trade messages, so the command can be tried without an app.
 */
import { TmcConsumer } from '../messages/tmc-consumer.js';
import type { ReceivedTmcMessage } from '../messages/tmc-consumer.js';
import type { TmcEvent } from '../messages/tmc-options.js';
import type { Sandbox } from '../sandbox/index.js';
import { type CliIo, parseFlags, UsageError } from './args.js';

function count(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--count must be a positive integer, got "${text}"`);
  return Number(text);
}

function line(message: ReceivedTmcMessage, json: boolean): string {
  const fields = {
    topic: message.topic,
    id: message.id,
    pubTime: message.pubTime?.toISOString(),
    userId: message.userId,
    userNick: message.userNick,
    content: message.content,
  };
  if (json) return JSON.stringify(fields) + '\n';
  const who = message.userNick ? `  ${message.userNick}` : '';
  return `${fields.pubTime ?? '-'}  ${message.topic}  #${message.id}${who}  ${JSON.stringify(message.content)}\n`;
}

function newsOf(event: TmcEvent): string | undefined {
  if (event.type === 'connected') return 'connected to the message channel';
  if (event.type === 'reconnecting') {
    return `connection lost (${event.error.message}); reconnecting in ${event.delayMs} ms (attempt ${event.attempt})`;
  }
  return undefined;
}

const DEMO_MESSAGES = [
  {
    topic: 'taobao_trade_TradeCreate',
    content: { tid: 2237938826932135493n, status: 'WAIT_BUYER_PAY', payment: '22.00' },
  },
  { topic: 'taobao_trade_TradeBuyerPay', content: { tid: 2237938826932135493n, status: 'WAIT_SELLER_SEND_GOODS' } },
  { topic: 'taobao_trade_TradeSellerShip', content: { tid: 2237938826932135493n, status: 'WAIT_BUYER_CONFIRM_GOODS' } },
];

/** Runs until `stop` resolves or --count messages were printed. */
export async function runListenUntil(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    group: { type: 'string' },
    url: { type: 'string' },
    count: { type: 'string' },
    'no-confirm': { type: 'boolean' },
    'app-key': { type: 'string' },
    'app-secret': { type: 'string' },
    sandbox: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const limit = count(values.count);
  let sandbox: Sandbox | undefined;
  let appKey = values['app-key'] ?? io.env.OPEN1688_APP_KEY;
  let appSecret = values['app-secret'] ?? io.env.OPEN1688_APP_SECRET;
  let url = values.url ?? io.env.OPEN1688_TMC_URL;
  if (values.sandbox) {
    // Loaded only for --sandbox, like the other commands.
    const { SANDBOX_DEFAULTS, startSandbox } = await import('../sandbox/index.js');
    sandbox = await startSandbox();
    ({ appKey, appSecret } = SANDBOX_DEFAULTS);
    url = sandbox.urls.tmc;
  }
  if (!appKey || !appSecret) {
    await sandbox?.close();
    throw new UsageError(
      'missing credentials: pass --app-key and --app-secret (or OPEN1688_APP_KEY / _SECRET), or try --sandbox',
    );
  }
  const consumer = new TmcConsumer({
    appKey,
    appSecret,
    ...(url === undefined ? {} : { url }),
    ...(values.group === undefined ? {} : { groupName: values.group }),
    onEvent: (event) => {
      const text = newsOf(event);
      if (text) io.stderr(`${text}\n`);
    },
  });
  for (const demo of sandbox ? DEMO_MESSAGES : []) {
    sandbox?.publishMessage({ appKey, ...demo, userNick: 'sandbox-seller' });
  }
  void stop.then(() => consumer.close());
  let printed = 0;
  try {
    for await (const message of consumer) {
      io.stdout(line(message, values.json === true || io.stdoutIsTTY !== true));
      if (!values['no-confirm']) await message.confirm();
      if (limit !== undefined && ++printed >= limit) break;
    }
  } finally {
    await consumer.close();
    await sandbox?.close();
  }
  return 0;
}

export function runListen(args: string[], io: CliIo): Promise<number> {
  let unsubscribe: () => void = () => undefined;
  let onTerm: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => {
    unsubscribe = io.onInterrupt?.(resolve) ?? (() => undefined);
    onTerm = resolve;
    process.once('SIGTERM', onTerm);
  });
  return runListenUntil(args, io, stop).finally(() => {
    unsubscribe();
    process.off('SIGTERM', onTerm);
  });
}
