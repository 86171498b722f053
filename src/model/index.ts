export { MoneySchema, formatFen, moneyFromFen, moneyFromResponse, parseMoney } from './money.js';
export type { Money } from './money.js';
export {
  AttributeSchema,
  CategorySchema,
  MixBatchSchema,
  OfferSchema,
  PriceRangeSchema,
  PriceTierSchema,
  SkuSchema,
  SupplierSchema,
} from './offer.js';
export type { Attribute, Category, MixBatch, Offer, PriceRange, PriceTier, Sku, Supplier } from './offer.js';
export { ShopItemSchema } from './shop-item.js';
export type { ShopItem } from './shop-item.js';
export { meetsSupplierCriteria, minimumQuantity, orderTotal, tierFor, unitPriceFor } from './wholesale.js';
export type { OrderLine, OrderTotal, PricedLine, SupplierCriteria } from './wholesale.js';
export { CSV_BOM, OFFER_CSV_COLUMNS, csvRow, offerCsvHeader, offerCsvRow, offersToCsv, skusToCsv } from './csv.js';
export type { CsvField } from './csv.js';
export { SHOP_ITEM_CSV_COLUMNS, shopItemCsvHeader, shopItemCsvRow } from './shop-item-csv.js';
