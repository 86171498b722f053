/** The typed methods' public pieces: parameter and option types, schemas, and the payload mappers. */
export { ItemIdSchema, type ItemIdInput } from './item-id.js';
export {
  AOP_PRODUCT_GET,
  GetItemOptionsSchema,
  TOP_ITEM_GET,
  getItemRequest,
  offerFromPayload,
  type GetItemOptions,
} from './get-item.js';
export {
  SHOP_PAGE_SIZE_DEFAULT,
  SHOP_PAGE_SIZE_MAX,
  SHOP_SEARCH_APIS,
  SHOP_SORTS,
  ShopSearchParamsSchema,
  shopPageFromPayload,
  shopSearchRequest,
  type ShopSearchParams,
  type ShopSort,
} from './search-shop-items.js';
export type { ShopPage } from './mappers/shop-page.js';
export {
  DEFAULT_CRAWL_CONCURRENCY,
  SHOP_LISTING_MAX_ITEMS,
  type IterateShopItemsOptions,
  type ShopCrawlProgress,
} from './iterate-shop-items.js';
export type { Page, PaginateOptions, PaginateProgress } from './paginate.js';
export { QIANNIU_ITEM_GET, QianniuItemsParamsSchema, type QianniuItemsParams } from './get-qianniu-items.js';
export type { QianniuItem, QianniuPage } from './mappers/qianniu-page.js';
export type { ResponseCacheOption, ResponseCacheOptions } from './response-cache.js';
