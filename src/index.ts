/**
 * open1688: the public surface. Re-exports only, and only what a user of the SDK needs: the client,
 * its errors, the signing names, the B2B model and its helpers, and the caches. The local gateway
 * is `open1688/sandbox`, the standalone rate limiter `open1688/limiter`; neither is loaded from here,
 * and nothing here loads ioredis until a Redis limiter or cache is first used.
 */
export { OpenClient, type CallApiOptions, type CallOptions, type RequestOptions } from './client.js';
export { defineApi, type ApiClient, type ApiDefinition, type DefinedApi } from './methods/define-api.js';
export type { ClientOptions } from './options.js';
export type { Hooks, HookListener } from './client/events.js';
export type { TokenProvider, TokenResult } from './client/tokens.js';
export type { Logger } from './logger.js';
export type { LimitsOptions } from './limiter/options.js';
export {
  TransportError,
  type Transport,
  type TransportFailure,
  type TransportRequest,
  type TransportResponse,
  type TransportSendOptions,
} from './transport/transport.js';
export type { RetryPolicy } from './transport/retry.js';

export {
  AbortError,
  AuthenticationError,
  DIALECTS,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  OpenApiError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ResponseError,
  ServiceError,
  SignatureError,
  TimeoutError,
  TimestampError,
  type Dialect,
  type OpenApiErrorInit,
  type RateLimitErrorInit,
  type RedactedRequest,
} from './errors.js';
export { LimiterClosedError, LimiterUnavailableError } from './limiter/errors.js';

export {
  canonicalAop,
  canonicalTop,
  normalizeParams,
  signAop,
  signTop,
  TOP_SIGN_METHODS,
  type NormalizedParams,
  type ParamInput,
  type ParamValue,
  type TopSignMethod,
} from './signing/index.js';
export { beijingTimestamp } from './clock.js';
export { parseJsonExact } from './transport/json.js';

export { MoneySchema, formatFen, parseMoney, type Money } from './model/money.js';

// Of the messages, only the 1688 push check lives here; the TMC consumer, dedupe stores and SPI are in open1688/messages.
export { verifyAopPush, type AopPushForm, type AopPushMessage } from './messages/aop-push.js';
export {
  aopPushHandler,
  type AopPushHandlerOptions,
  type AopPushRejection,
  type PushRequestHandler,
} from './messages/aop-push-handler.js';
export {
  OfferSchema,
  PriceTierSchema,
  SkuSchema,
  SupplierSchema,
  type Attribute,
  type Category,
  type MixBatch,
  type Offer,
  type PriceRange,
  type PriceTier,
  type Sku,
  type Supplier,
} from './model/offer.js';
export { ShopItemSchema, type ShopItem } from './model/shop-item.js';
export {
  meetsSupplierCriteria,
  minimumQuantity,
  orderTotal,
  tierFor,
  unitPriceFor,
  type OrderLine,
  type OrderTotal,
  type PricedLine,
  type SupplierCriteria,
} from './model/wholesale.js';
export {
  CSV_BOM,
  csvRow,
  offerCsvHeader,
  offerCsvRow,
  offersToCsv,
  skusToCsv,
  type CsvField,
  type CsvOptions,
} from './model/csv.js';
export { shopItemCsvHeader, shopItemCsvRow } from './model/shop-item-csv.js';

export type { Cache } from './cache/cache.js';
export { cacheKey, type CacheKeyOptions } from './cache/cache-key.js';
export { MemoryCache, type MemoryCacheOptions } from './cache/memory.js';
export { RedisCache, type RedisCacheOptions } from './cache/redis.js';
export { withCache, type WithCacheOptions } from './cache/with-cache.js';

export type { GetItemOptions } from './methods/get-item.js';
export type { ItemIdInput } from './methods/item-id.js';
export type { IterateShopItemsOptions, ShopCrawlProgress } from './methods/iterate-shop-items.js';
export type { QianniuItem, QianniuPage } from './methods/mappers/qianniu-page.js';
export type { ShopPage } from './methods/mappers/shop-page.js';
export type { QianniuItemsParams } from './methods/get-qianniu-items.js';
export type { ShopSearchParams, ShopSort } from './methods/search-shop-items.js';
export type { ResponseCacheOption, ResponseCacheOptions } from './methods/response-cache.js';
export type { Page, PaginateOptions, PaginateProgress } from './methods/paginate.js';
export type { Recorder, RecorderOption } from './record/recorder.js';
export type { Fixture } from './record/fixture.js';
