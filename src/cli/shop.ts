/**
 * `open1688 shop <sellerNick>`: one page of a shop's listing, or with --all every page. Items print
 * as a table on a terminal and as JSON lines into a pipe (--table / --json force one), or as CSV
 * with --csv FILE|-. A crawl writes each item as it arrives, shows a progress bar on a terminal's
 * stderr, and on Ctrl-C stops fetching, keeps what it wrote and exits 130. Status lines go to
 * stderr, so stdout holds the items only. --csv never replaces an existing file without --force,
 * and the file appears under its name only when the command ends (csv-file.ts).
 */
import { AbortError } from '../errors.js';
import type { ShopSearchParams } from '../methods/search-shop-items.js';
import type { ShopItem } from '../model/shop-item.js';
import { shopItemCsvHeader, shopItemCsvRow } from '../model/shop-item-csv.js';
import { type CliIo, EXIT_INTERRUPTED, onePositional, parseFlags, UsageError } from './args.js';
import { CLIENT_FLAGS, clientFromFlags, type CommandClient } from './client-flags.js';
import { type CsvSink, openCsv } from './csv-file.js';
import { jsonLine, listingFormat, positiveInteger } from './format.js';
import { crawlSummary, progressBar } from './progress.js';
import { renderShopPage, shopItemLine } from './render.js';
import { terminalLine } from './terminal-text.js';

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
    table: { type: 'boolean' },
  });
  const sellerNick = onePositional(positionals, 'missing the shop: open1688 shop <sellerNick>');
  if (values.csv !== undefined && (values.json || values.table)) {
    throw new UsageError(`--csv and ${values.json ? '--json' : '--table'} exclude each other`);
  }
  if (values.force && values.csv === undefined) throw new UsageError('--force is for --csv: it replaces the file');
  const format = listingFormat(values, io);
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
      : openCsv(
          values.csv,
          // The BOM tells Excel a file is UTF-8; into a pipe it would only corrupt the first field.
          shopItemCsvHeader({ bom: values.csv !== '-' }),
          { force: values.force === true },
          io.stdout,
        );
  let command: CommandClient | undefined;
  let ended = false;
  try {
    command = await clientFromFlags(values, io);
    if (values.all) {
      const code = await crawl(command, params, io, csv, format);
      ended = true;
      return code;
    }
    const page = await command.client.searchShopItems(params);
    const position = `page ${page.page} of ${page.pageCount} (${page.total} items, ${page.pageSize} a page)`;
    if (csv) {
      for (const item of page.items) csv.write(shopItemCsvRow(item));
      io.stderr(`wrote ${csv.rows} rows to ${csv.label}, ${position}\n`);
    } else if (format === 'json') {
      for (const item of page.items) io.stdout(jsonLine(item));
      io.stderr(`shop ${terminalLine(sellerNick)}: ${position}\n`);
    } else io.stdout(renderShopPage(sellerNick, page));
    ended = true;
    return 0;
  } finally {
    await command?.close();
    if (csv) settleCsv(csv, ended, io);
  }
}

/** Puts the file in place, unless the command failed before it wrote a row. */
function settleCsv(csv: CsvSink, ended: boolean, io: CliIo): void {
  if (!ended && csv.rows === 0) return csv.discard();
  csv.finish();
  if (!ended) io.stderr(`kept the ${csv.rows} rows written to ${csv.label} before the error\n`);
}

async function crawl(
  { client }: CommandClient,
  params: ShopSearchParams,
  io: CliIo,
  csv: CsvSink | undefined,
  format: 'json' | 'table',
): Promise<number> {
  const write = (item: ShopItem): void => {
    if (csv) csv.write(shopItemCsvRow(item));
    else io.stdout(format === 'json' ? jsonLine(item) : shopItemLine(item));
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
  const where = csv ? ` to ${csv.label}` : '';
  if (stop.signal.aborted) {
    io.stderr(`interrupted: wrote ${written} rows${where} before Ctrl-C\n`);
    return EXIT_INTERRUPTED;
  }
  if (io.stderrIsTTY) io.stderr(crawlSummary(last, bar.elapsedMs()) + '\n');
  if (csv) io.stderr(`wrote ${written} rows${where}\n`);
  return 0;
}
