/**
 * `open1688 demo`, what `npm start` runs: the SDK at work in under a minute of reading. Without
 * OPEN1688_APP_KEY / OPEN1688_APP_SECRET it starts the sandbox in this process and uses its demo
 * app; with them it runs the same steps against that gateway and says so first.
 */
import { clientOptionsFromEnv, resolveOptions } from '../options.js';
import { type CliIo, parseFlags, UsageError } from './args.js';
import { clientFromFlags, type SandboxLimits } from './client-flags.js';
import { crawlSummary, progressBar } from './progress.js';
import { displayWidth, renderOffer, renderShopPage, yuan } from './render.js';
import { terminalLine } from './terminal-text.js';
import { orderTotal, unitPriceFor } from '../model/wholesale.js';

const SEED_ITEM = '610947572360';
/** Seed 004's item: tiers 5 → 25.00, 100 → 22.00, 500 → 19.00 a piece. */
const TIER_ITEM = '61234567890';
const TIER_QUANTITY = 200;
const SEED_SHOP = 'b2b-2200733087881719de';
const SHOP_PAGE_SIZE = 10;
const CRAWL_PAGE_SIZE = 100;
// The sandbox enforces these and the client keeps to the same numbers, so the crawl never meets a
// refusal and its 19 pages take about a second (the defaults, 10/s, would take two).
const DEMO_LIMITS: SandboxLimits = { qps: 20, perMinute: 600 };

function heading(io: CliIo, text: string): void {
  io.stdout(`\n── ${text} ${'─'.repeat(Math.max(0, 76 - displayWidth(text)))}\n\n`);
}

export async function runDemo(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseFlags(args, {});
  if (positionals.length > 0) throw new UsageError(`demo takes no argument, got ${positionals.length}`);
  const live = Boolean(io.env.OPEN1688_APP_KEY && io.env.OPEN1688_APP_SECRET);
  const { client, sandbox, close } = await clientFromFlags({ sandbox: !live }, io, DEMO_LIMITS);
  try {
    if (sandbox) {
      io.stdout(
        `open1688 demo against the built-in sandbox at ${sandbox.url} (TOP dialect, the sandbox's demo app;\n` +
          `set OPEN1688_APP_KEY and OPEN1688_APP_SECRET to run it against a real gateway)\n`,
      );
    } else {
      const { dialect, baseUrl } = resolveOptions(clientOptionsFromEnv({}, io.env));
      io.stdout(`open1688 demo against the ${dialect} gateway at ${baseUrl} (credentials from OPEN1688_*)\n`);
    }

    heading(io, `1. The seed item ${SEED_ITEM}: client.getItem('${SEED_ITEM}')`);
    io.stdout(renderOffer(await client.getItem(SEED_ITEM)));

    heading(io, `2. ${TIER_QUANTITY} pieces of ${TIER_ITEM}: unitPriceFor(offer, ${TIER_QUANTITY})`);
    const tiered = await client.getItem(TIER_ITEM);
    const total = orderTotal(tiered, [{ quantity: TIER_QUANTITY }]);
    const unitPrice = unitPriceFor(tiered, TIER_QUANTITY);
    const tiers = tiered.priceTiers.map((t) => `from ${t.minQuantity}: ${yuan(t.unitPrice)}`).join(', ');
    io.stdout(terminalLine(`${tiered.title}`) + `\n  tiers: ${terminalLine(tiers)}\n`);
    io.stdout(
      `  ${TIER_QUANTITY} ${terminalLine(tiered.unit)}: ${unitPrice.text} a piece, ${yuan(total)} in all (orderTotal)\n`,
    );

    heading(io, `3. The first page of shop ${SEED_SHOP}: client.searchShopItems(…)`);
    const page = await client.searchShopItems({ sellerNick: SEED_SHOP, pageSize: SHOP_PAGE_SIZE });
    io.stdout(renderShopPage(SEED_SHOP, page));

    heading(io, `4. Every item of the shop: client.iterateShopItems(…), within the rate limits`);
    // Progress is status, drawn on stderr (and only on a terminal) like the shop crawl's.
    const bar = progressBar(io.stderr, io.stderrIsTTY === true);
    for await (const _item of client.iterateShopItems(
      { sellerNick: SEED_SHOP, pageSize: CRAWL_PAGE_SIZE },
      { onProgress: (progress) => bar.update(progress) },
    )) {
      // Counting is all the demo does with them; examples/crawl-shop-to-csv.ts writes them out.
    }
    io.stdout(crawlSummary(bar.finish(), bar.elapsedMs()) + '\n');
  } finally {
    await close();
  }
  const requests = sandbox ? ` after ${sandbox.stats().total} requests` : '';
  io.stdout(
    `\ndone${sandbox ? `; sandbox stopped${requests}` : ''}. Next: open1688 --help, or open1688 item ${SEED_ITEM} --sandbox\n`,
  );
  return 0;
}
