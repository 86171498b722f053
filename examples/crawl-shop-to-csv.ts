/**
 * Crawl every item of a shop into a CSV file that Excel opens with its Chinese intact (UTF-8 BOM,
 * RFC 4180 quoting). Rows are written as pages arrive, so memory stays flat for any shop size and a
 * crawl stopped half-way leaves a valid file.
 *
 *   npx tsx examples/crawl-shop-to-csv.ts [out.csv] [sellerNick]
 *
 * Default: the sandbox's 1 900-item shop b2b-2200733087881719de, written to the system's temp folder.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_BOM, csvRow, type ShopItem } from 'open1688';
import { connect } from './gateway';

const COLUMNS = ['id', 'title', 'price', 'sales', 'shopName', 'url', 'image'] as const;

function row(item: ShopItem): string {
  return csvRow([item.id, item.title, item.price.text, item.sales, item.shopName, item.url, item.image]);
}

/** Records in a CSV text: line ends outside quotes (a quoted title may hold a line break). */
function countRecords(csv: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    if (csv[i] === '"') quoted = !quoted;
    else if (!quoted && csv[i] === '\r' && csv[i + 1] === '\n') records++;
  }
  return records;
}

async function main(): Promise<void> {
  const sellerNick = process.argv[3] ?? 'b2b-2200733087881719de';
  const path = process.argv[2] ?? join(tmpdir(), `open1688-${sellerNick}.csv`);
  const out = createWriteStream(path);
  await once(out, 'open'); // a bad path fails here, before any call
  const gateway = await connect();
  const started = performance.now();
  const ids = new Set<string>();
  let total = 0;
  try {
    console.log(`Calls go to ${gateway.description}`);
    out.write(CSV_BOM + csvRow(COLUMNS));
    const items = gateway.client.iterateShopItems(
      { sellerNick, pageSize: 100 },
      { onProgress: (progress) => (total = progress.total) },
    );
    for await (const item of items) {
      ids.add(item.id);
      if (!out.write(row(item))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
    await gateway.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${ids.size} items of ${sellerNick} (the listing says ${total}) in ${seconds.toFixed(1)} s → ${path}`);

  const csv = await readFile(path, 'utf8');
  assert.ok(csv.startsWith(CSV_BOM + COLUMNS.join(',') + '\r\n'), 'the file starts with the BOM and the header');
  assert.equal(countRecords(csv), ids.size + 1, 'one record per item, plus the header');
  assert.equal(ids.size, total, 'every item of the listing, each once');
  if (gateway.sandbox) assert.equal(ids.size, 1900, 'the sandbox shop has 1 900 items');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
