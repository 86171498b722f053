/**
 * Text for people: an offer, a shop page and plain tables, shared by `item`, `shop`, `price` and
 * the demo. Chinese characters take two terminal columns, so widths are measured in columns, not
 * in string length, or every table with a Chinese title would be ragged. Every text that came from
 * a gateway passes through `terminalLine` first: no escape sequence or control reaches the terminal.
 */
import type { Money } from '../model/money.js';
import type { Offer } from '../model/offer.js';
import type { ShopItem } from '../model/shop-item.js';
import type { ShopPage } from '../methods/mappers/shop-page.js';
import { terminalLine } from './terminal-text.js';

// East Asian wide and fullwidth ranges (CJK, Hangul, kana, fullwidth forms): two columns each.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

/** How many terminal columns `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Cuts `text` to at most `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
  /** Longer cells are truncated. */
  maxWidth?: number;
}

/** A table with a header rule; every line ends with a newline. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) =>
    columns.map((column, i) => truncate(terminalLine(row[i] ?? ''), column.maxWidth ?? Infinity)),
  );
  const headers = columns.map((column) => terminalLine(column.header));
  const widths = columns.map((_column, i) =>
    Math.max(displayWidth(headers[i] ?? ''), ...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (columns[i]?.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}

export function yuan(money: Money): string {
  return `¥${money.text}`;
}

function priceText(offer: Offer): string {
  const { min, max } = offer.priceRange;
  return min.fen === max.fen ? yuan(min) : `${yuan(min)} – ${yuan(max)}`;
}

function tiersText(offer: Offer): string {
  if (offer.priceTiers.length === 0) return 'by SKU (no quantity tiers)';
  return offer.priceTiers.map((tier) => `≥${tier.minQuantity} ${offer.unit}: ${yuan(tier.unitPrice)}`).join('   ');
}

function supplierText(offer: Offer): string {
  const s = offer.supplier;
  const name = [s.companyName ?? s.shopName, s.nick === undefined ? undefined : `(${s.nick})`]
    .filter(Boolean)
    .join(' ');
  const facts = [
    s.creditLevel === undefined ? undefined : `credit level ${s.creditLevel}`,
    s.trustYears === undefined ? undefined : `诚信通 ${s.trustYears} years`,
    s.verified === undefined ? undefined : s.verified ? 'verified' : 'not verified',
  ].filter(Boolean);
  return [name || 'unknown', ...facts].join(', ');
}

/** An offer: title, price and tiers, minimum order, SKUs as a table, supplier. */
export function renderOffer(offer: Offer): string {
  const lines = [
    `${offer.title}`,
    ...(offer.subject && offer.subject !== offer.title ? [`  ${offer.subject}`] : []),
    '',
    `  offer      ${offer.id}`,
    `  price      ${priceText(offer)} per ${offer.unit || 'unit'}`,
    `  tiers      ${tiersText(offer)}`,
    `  MOQ        ${offer.minOrderQuantity} ${offer.unit}`,
    `  stock      ${offer.stock}`,
    ...(offer.location ? [`  ships from ${offer.location}`] : []),
    `  supplier   ${supplierText(offer)}`,
    '',
    '',
  ];
  const text = lines.map(terminalLine).join('\n');
  if (offer.skus.length === 0) return text + 'no SKUs\n';
  const names = [...new Set(offer.skus.flatMap((sku) => Object.keys(sku.attributes)))];
  const skuTable = table(
    [
      { header: 'SKU' },
      ...names.map((name) => ({ header: name, maxWidth: 24 })),
      { header: 'price', align: 'right' as const },
      { header: 'stock', align: 'right' as const },
    ],
    offer.skus.map((sku) => [
      sku.skuId,
      ...names.map((name) => sku.attributes[name] ?? ''),
      yuan(sku.price),
      String(sku.stock),
    ]),
  );
  return text + skuTable;
}

const SHOP_COLUMNS: Column[] = [
  { header: 'offer' },
  { header: 'price', align: 'right' },
  { header: 'sales', align: 'right' },
  { header: 'title', maxWidth: 48 },
];

function shopRow(item: ShopItem): string[] {
  return [item.id, yuan(item.price), item.sales === undefined ? '' : String(item.sales), item.title].map(terminalLine);
}

/** One page of a shop listing, with where it sits in the listing. */
export function renderShopPage(sellerNick: string, page: ShopPage): string {
  const heading = `shop ${terminalLine(sellerNick)}: page ${page.page} of ${page.pageCount} (${page.total} items, ${page.pageSize} a page)\n`;
  return heading + table(SHOP_COLUMNS, page.items.map(shopRow));
}

/** Fixed-width lines for items printed as a crawl yields them (a table needs all rows first). */
export function shopItemLine(item: ShopItem): string {
  const [id, price, sales, title] = shopRow(item);
  return `${padEnd(id!, 14)}${padStart(price!, 12)}${padStart(sales!, 8)}  ${truncate(title!, 48)}\n`;
}
