/**
 * `open1688/auth`: where a client keeps the 1688 (AOP) tokens of the many sellers it acts for. Give
 * the client a `tokenStore` and name a call's seller (`{ seller: memberId }`): it sends that
 * seller's token, and refreshes it once (one refresher across processes sharing a Redis store) when
 * it is rejected or about to expire.
 */
export { MemoryTokenStore, type ReleaseLock, type SellerTokens, type TokenStore } from './token-store.js';
export { DEFAULT_REDIS_TOKEN_PREFIX, RedisTokenStore, type RedisTokenStoreOptions } from './redis-token-store.js';
