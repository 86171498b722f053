/**
 * `open1688/auth`: the 1688 (AOP) tokens of the sellers an app acts for. Getting a seller's first
 * token through OAuth (`authorizeUrl`, `exchangeCode`), and keeping many sellers' tokens in a
 * `tokenStore` that a client reads per call (`{ seller: memberId }`) and refreshes once (one refresher
 * across processes sharing a Redis store). Most users call with their own app's token and never load this.
 */
export { authorizeUrl, AUTHORIZE_BASE_URL } from './authorize-url.js';
export type { AuthorizeUrlOptions } from './authorize-url.js';
export { exchangeCode } from './exchange-code.js';
export type { ExchangeCodeOptions } from './exchange-code.js';
export { parseTokenTimeout, toStoredTokens } from './seller-tokens.js';
export type { SellerTokens } from './seller-tokens.js';
export { MemoryTokenStore, type ReleaseLock, type StoredTokens, type TokenStore } from './token-store.js';
export { DEFAULT_REDIS_TOKEN_PREFIX, RedisTokenStore, type RedisTokenStoreOptions } from './redis-token-store.js';
