/**
 * CSV for spreadsheets (RFC 4180): fields with a comma, quote, CR or LF are quoted and their quotes
 * doubled, rows end with CRLF, and a file starts with a UTF-8 byte order mark, without which Excel
 * reads UTF-8 as the local code page and Chinese turns to mojibake.
 *
 * Whole files come from `skusToCsv` / `offersToCsv`. A crawler that appends as it goes writes
 * `offerCsvHeader()` (BOM included) once when it creates the file, then `offerCsvRow(offer)` per
 * offer; `csvRow` is the building block for columns of its own.
 *
 * Sellers write the titles, spec names and values: a title `=HYPERLINK("http://x","y")` would be a
 * live formula in Excel or WPS. So a text cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'` (OWASP, "CSV Injection"), which the spreadsheet shows as text.
 * Numbers are never touched (a negative stock stays -1), nor is text that is a plain decimal number
 * (`-5`, `+3.5`: a spreadsheet reads those as numbers, not formulas). `escapeFormulas: false` writes
 * every cell verbatim, for a program that reads the file back.
 */
import type { Offer, Sku } from './offer.js';

/** The UTF-8 byte order mark, as a character: written once, at the very start of a file. */
export const CSV_BOM = '\uFEFF';

/** A value `csvRow` accepts for one field. */
export type CsvField = string | number | boolean | null | undefined;

/** How text cells are written. */
export interface CsvOptions {
  /** Give text cells that a spreadsheet would run as a formula a leading `'` (default true). */
  escapeFormulas?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
// What Excel, LibreOffice and WPS start a formula (or DDE call) with.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** One CSV row, CRLF included. `null` and `undefined` are empty fields. */
export function csvRow(fields: readonly CsvField[], options: CsvOptions = {}): string {
  const escape = options.escapeFormulas !== false;
  let row = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) row += ',';
    row += csvField(fields[i], escape);
  }
  return `${row}\r\n`;
}

function csvField(field: CsvField, escapeFormulas: boolean): string {
  if (field === null || field === undefined) return '';
  let text = String(field);
  if (escapeFormulas && typeof field === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
    text = `'${text}`;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The columns of `offersToCsv` / `offerCsvRow`. */
export const OFFER_CSV_COLUMNS = [
  'offerId',
  'title',
  'unit',
  'minOrderQuantity',
  'priceMin',
  'priceMax',
  'priceTiers',
  'mixBatch',
  'stock',
  'sales',
  'skuCount',
  'supplierNick',
  'companyName',
  'creditLevel',
  'trustYears',
  'verified',
  'location',
  'image',
] as const;

/** BOM + the header row of the offer CSV, for a file that rows are appended to. */
export function offerCsvHeader(options: { bom?: boolean } = {}): string {
  return (options.bom === false ? '' : CSV_BOM) + csvRow(OFFER_CSV_COLUMNS);
}

/** One offer as a row of the offer CSV. Tiers read `5:25.00;100:22.00` (from quantity: unit price). */
export function offerCsvRow(offer: Offer, options: CsvOptions = {}): string {
  const { supplier } = offer;
  return csvRow(
    [
      offer.id,
      offer.title,
      offer.unit,
      offer.minOrderQuantity,
      offer.priceRange.min.text,
      offer.priceRange.max.text,
      offer.priceTiers.map((tier) => `${tier.minQuantity}:${tier.unitPrice.text}`).join(';'),
      describeMixBatch(offer),
      offer.stock,
      offer.sales,
      offer.skus.length,
      supplier.nick,
      supplier.companyName,
      supplier.creditLevel,
      supplier.trustYears,
      supplier.verified,
      offer.location,
      offer.images[0],
    ],
    options,
  );
}

/** A whole offer CSV: BOM, header, one row per offer. */
export function offersToCsv(offers: readonly Offer[], options: CsvOptions = {}): string {
  let csv = offerCsvHeader();
  for (const offer of offers) csv += offerCsvRow(offer, options);
  return csv;
}

const SKU_FIXED_COLUMNS = ['offerId', 'skuId', 'specId', 'price', 'stock', 'sold'] as const;

/**
 * The SKUs of one offer: BOM, header, one row per SKU. Each spec name (颜色, 尺码…) gets a column of
 * its own, in the order the SKUs first name them, so that the sheet can be filtered by colour or size.
 */
export function skusToCsv(offer: Offer, options: CsvOptions = {}): string {
  const names = attributeNames(offer.skus);
  let csv = CSV_BOM + csvRow([...SKU_FIXED_COLUMNS, ...names], options);
  for (const sku of offer.skus) {
    const fixed = [offer.id, sku.skuId, sku.specId, sku.price.text, sku.stock, sku.sold];
    csv += csvRow([...fixed, ...names.map((name) => sku.attributes[name])], options);
  }
  return csv;
}

function attributeNames(skus: readonly Sku[]): string[] {
  const names = new Set<string>();
  for (const sku of skus) for (const name of Object.keys(sku.attributes)) names.add(name);
  return [...names];
}

function describeMixBatch(offer: Offer): string {
  const { supported, amount, number } = offer.mixBatch;
  if (!supported) return 'no';
  const thresholds = [
    number === undefined ? '' : `${number} ${offer.unit}`,
    amount === undefined ? '' : `${amount.text} yuan`,
  ];
  const described = thresholds.filter(Boolean).join(' or ');
  return described === '' ? 'yes' : `yes (${described})`;
}
