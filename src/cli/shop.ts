/**
 * `open1688 shop <sellerNick>`: one page of a shop's listing, or with --all every page. A crawl
 * writes each item as it arrives (to --csv, or to stdout), shows a progress bar on a terminal, and
 * on Ctrl-C stops fetching, keeps what it wrote and exits 130. --csv never replaces an existing file
 * without --force, and the file appears under its name only when the command ends (csv-file.ts).
 */
import { AbortError } from '../errors.js';
import type { ShopSearchParams } from '../methods/search-shop-items.js';
import type { ShopItem } from '../model/shop-item.js';
import { shopItemCsvHeader, shopItemCsvRow } from '../model/shop-item-csv.js';
import { type CliIo, EXIT_INTERRUPTED, onePositional, parseFlags, UsageError } from './args.js';
import { CLIENT_FLAGS, clientFromFlags, type CommandClient } from './client-flags.js';
import { CsvFile } from './csv-file.js';
import { positiveInteger, toJson } from './format.js';
import { crawlSummary, progressBar } from './progress.js';
import { renderShopPage, shopItemLine } from './render.js';
import { terminalJson } from './terminal-text.js';

/** Fewer, larger pages spend less of the app's quota on a full crawl. */
const CRAWL_PAGE_SIZE = 100;

export async function runShop(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    ...CLIENT_FLAGS,
    q: { type: 'string' },
    sort: { type: 'string' },
    page: { type: 'string' },
    'page-size': { type: 'string' },
    all: { type: 'boolean' },
    csv: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const sellerNick = onePositional(positionals, 'missing the shop: open1688 shop <sellerNick>');
  if (values.csv !== undefined && values.json) throw new UsageError('--csv and --json exclude each other');
  if (values.force && values.csv === undefined) throw new UsageError('--force is for --csv: it replaces the file');
  const pageSize = positiveInteger(values['page-size'], '--page-size');
  const params: ShopSearchParams = {
    sellerNick,
    q: values.q,
    sort: values.sort as ShopSearchParams['sort'],
    page: positiveInteger(values.page, '--page'),
    pageSize: pageSize ?? (values.all ? CRAWL_PAGE_SIZE : undefined),
  };
  // Opened (and an existing file refused) before anything is fetched: a bad path costs no call.
  const csv =
    values.csv === undefined
      ? undefined
      : new CsvFile(values.csv, shopItemCsvHeader(), { force: values.force === true });
  let command: CommandClient | undefined;
  let ended = false;
  try {
    command = await clientFromFlags(values, io);
    if (values.all) {
      const code = await crawl(command, params, io, csv, values.json === true);
      ended = true;
      return code;
    }
    const page = await command.client.searchShopItems(params);
    if (csv) {
      for (const item of page.items) csv.write(shopItemCsvRow(item));
      io.stdout(`wrote ${csv.rows} rows to ${csv.path} (page ${page.page} of ${page.pageCount})\n`);
    } else if (values.json) io.stdout(toJson(page));
    else io.stdout(renderShopPage(sellerNick, page));
    ended = true;
    return 0;
  } finally {
    await command?.close();
    if (csv) settleCsv(csv, ended, io);
  }
}

/** Puts the file in place, unless the command failed before it wrote a row. */
function settleCsv(csv: CsvFile, ended: boolean, io: CliIo): void {
  if (!ended && csv.rows === 0) return csv.discard();
  csv.finish();
  if (!ended) io.stderr(`kept the ${csv.rows} rows written to ${csv.path} before the error\n`);
}

async function crawl(
  { client }: CommandClient,
  params: ShopSearchParams,
  io: CliIo,
  csv: CsvFile | undefined,
  json: boolean,
): Promise<number> {
  const write = (item: ShopItem): void => {
    if (csv) csv.write(shopItemCsvRow(item));
    else io.stdout(json ? terminalJson(JSON.stringify(item)) + '\n' : shopItemLine(item));
  };
  const stop = new AbortController();
  const unsubscribe = io.onInterrupt?.(() => stop.abort()) ?? (() => undefined);
  const bar = progressBar(io.stderr, io.stderrIsTTY === true);
  let written = 0;
  try {
    for await (const item of client.iterateShopItems(params, {
      signal: stop.signal,
      onProgress: (progress) => bar.update(progress),
    })) {
      write(item);
      written += 1;
    }
  } catch (error) {
    if (!(stop.signal.aborted && error instanceof AbortError)) throw error;
  } finally {
    unsubscribe();
  }
  const last = bar.finish();
  const where = csv ? ` to ${csv.path}` : '';
  if (stop.signal.aborted) {
    io.stderr(`interrupted: wrote ${written} rows${where} before Ctrl-C\n`);
    return EXIT_INTERRUPTED;
  }
  if (io.stderrIsTTY) io.stderr(crawlSummary(last, bar.elapsedMs()) + '\n');
  if (csv) io.stdout(`wrote ${written} rows${where}\n`);
  return 0;
}
