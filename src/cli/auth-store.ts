/**
 * `open1688 auth --store redis://…`: the exchanged tokens go into a RedisTokenStore (the store a
 * client with `tokenStore` reads per call, `{ seller }`), under the seller's memberId unless --seller
 * names another key. Then stdout gets what was stored minus the tokens themselves: with a store the
 * tokens need not be printed anywhere.
 */
import { toStoredTokens, type SellerTokens } from '../auth/seller-tokens.js';
import { UsageError } from './args.js';
import { maskSecrets } from './mask.js';
import { quote } from '../text/quote.js';

/** Checked before the seller is sent to 1688, so that a typo never wastes a one-time code. */
export function storeUrlOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    // The text may hold a password: name the rule, not the value.
    throw new UsageError('--store must be a redis:// or rediss:// URL');
  }
  return text;
}

/** Writes the tokens under `seller` (default: the answer's memberId); returns what stdout shows. */
export async function storeTokens(
  storeUrl: string,
  sellerFlag: string | undefined,
  tokens: SellerTokens,
): Promise<Record<string, unknown>> {
  const seller = sellerFlag ?? tokens.memberId;
  if (seller === undefined || seller === '') {
    throw new Error('the answer names no memberId to store the tokens under; pass --seller KEY');
  }
  // Loaded only here: ioredis is for the users who store tokens.
  const { RedisTokenStore } = await import('../auth/redis-token-store.js');
  const store = new RedisTokenStore(storeUrl, { redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 5_000 } });
  try {
    await store.set(seller, toStoredTokens(tokens));
  } finally {
    await store.close();
  }
  return {
    stored: true,
    seller,
    memberId: tokens.memberId,
    aliId: tokens.aliId,
    resourceOwner: tokens.resourceOwner,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  };
}

/** --seller: a store key, never empty. */
export function sellerFlagOf(text: string | undefined, storeUrl: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (storeUrl === undefined) throw new UsageError('--seller names where --store puts the tokens: pass --store too');
  if (text.trim() === '') throw new UsageError(`--seller must not be empty, got ${quote(text)}`);
  return text;
}

/** `text` with the store URL's password (if any) masked in every form: a connection error may quote the URL. */
export function withoutPassword(text: string, storeUrl: string): string {
  const written = new URL(storeUrl).password;
  let password = written;
  try {
    password = decodeURIComponent(written);
  } catch {
    // A stray `%` that is no escape: the password is the text as written.
  }
  return maskSecrets(text, [{ value: password, label: 'password' }]);
}
