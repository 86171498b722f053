/**
 * Shop listing entries as CSV rows, in the conventions of csv.ts (RFC 4180, CRLF, BOM first). A
 * crawl writes `shopItemCsvHeader()` once, then one `shopItemCsvRow(item)` per item as it arrives,
 * so that a crawl stopped at any point leaves a file of whole rows.
 */
import { CSV_BOM, csvRow, type CsvOptions } from './csv.js';
import type { ShopItem } from './shop-item.js';

/** The columns of a shop crawl's CSV, in order. */
export const SHOP_ITEM_CSV_COLUMNS = ['offerId', 'title', 'price', 'sales', 'shopName', 'url', 'image'] as const;

/** BOM + the header row, for a file that rows are appended to. */
export function shopItemCsvHeader(options: { bom?: boolean } = {}): string {
  return (options.bom === false ? '' : CSV_BOM) + csvRow(SHOP_ITEM_CSV_COLUMNS);
}

/**
 * One listing entry as a CSV row (CRLF-terminated), in the order of `SHOP_ITEM_CSV_COLUMNS`; a title
 * or shop name that a spreadsheet would run as a formula gets a leading `'` (csv.ts).
 */
export function shopItemCsvRow(item: ShopItem, options: CsvOptions = {}): string {
  return csvRow([item.id, item.title, item.price.text, item.sales, item.shopName, item.url, item.image], options);
}
