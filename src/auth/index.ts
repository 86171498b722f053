/**
 * `open1688/auth`: getting a seller's 1688 access token through OAuth, for the apps that act for
 * sellers (most users call with their own app's token and never load this).
 */
export { authorizeUrl, AUTHORIZE_BASE_URL } from './authorize-url.js';
export type { AuthorizeUrlOptions } from './authorize-url.js';
export { exchangeCode } from './exchange-code.js';
export type { ExchangeCodeOptions } from './exchange-code.js';
export { parseTokenTimeout } from './seller-tokens.js';
export type { SellerTokens } from './seller-tokens.js';
