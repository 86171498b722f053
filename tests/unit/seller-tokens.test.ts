/**
 * SellerTokenSource on its own (the refresh of a seller's tokens from a TokenStore), with an
 * exchange that counts: one refresh however many callers, the others reading the result, and a
 * bounded wait when another holder never finishes.
 */
import { SellerTokenSource } from '../../src/auth/seller-token-source';
import { MemoryTokenStore } from '../../src/auth/token-store';
import { InvalidRequestError, TimeoutError } from '../../src/index';

function source(store: MemoryTokenStore, options: { waitMs?: number; pollMs?: number } = {}) {
  let exchanges = 0;
  const tokens = new SellerTokenSource({
    store,
    exchange: async (refreshToken) => {
      exchanges += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { access_token: `new-from-${refreshToken}-${exchanges}`, expires_in: '36000' };
    },
    ...options,
  });
  return { tokens, exchanges: () => exchanges };
}

describe('SellerTokenSource', () => {
  it('refreshes once for every caller holding the same stale token, and writes back', async () => {
    const store = new MemoryTokenStore({ a: { accessToken: 'old', refreshToken: 'r1' } });
    const { tokens, exchanges } = source(store);
    const results = await Promise.all(Array.from({ length: 5 }, () => tokens.refresh('a', 'old')));
    expect(new Set(results)).toEqual(new Set(['new-from-r1-1']));
    expect(exchanges()).toBe(1);
    expect(await store.get('a')).toMatchObject({ accessToken: 'new-from-r1-1', refreshToken: 'r1' });
    expect((await store.get('a'))?.expiresAt).toBeGreaterThan(Date.now() + 35_000_000);
    // A caller that still held the old token later gets the new one without another exchange.
    expect(await tokens.refresh('a', 'old')).toBe('new-from-r1-1');
    expect(exchanges()).toBe(1);
  });

  it('two sources on one store (two clients): the second waits for the first and reads its result', async () => {
    const store = new MemoryTokenStore({ a: { accessToken: 'old', refreshToken: 'r1' } });
    const first = source(store);
    const second = source(store);
    const [x, y] = await Promise.all([first.tokens.refresh('a', 'old'), second.tokens.refresh('a', 'old')]);
    expect(x).toBe(y);
    expect(first.exchanges() + second.exchanges()).toBe(1);
  });

  it('gives up with a TimeoutError when another holder never writes a new token', async () => {
    const store = new MemoryTokenStore({ a: { accessToken: 'old', refreshToken: 'r1' } });
    await store.lock('a', 60_000); // held elsewhere, never released
    const { tokens, exchanges } = source(store, { waitMs: 100, pollMs: 10 });
    const error = await tokens.refresh('a', 'old').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('token-refresh-wait');
    expect(exchanges()).toBe(0);
  });

  it('takes over once a dead holder’s lock lapses', async () => {
    const store = new MemoryTokenStore({ a: { accessToken: 'old', refreshToken: 'r1' } });
    await store.lock('a', 50); // its holder died
    const { tokens, exchanges } = source(store, { pollMs: 10 });
    expect(await tokens.refresh('a', 'old')).toBe('new-from-r1-1');
    expect(exchanges()).toBe(1);
  });

  it('an unknown seller is an InvalidRequestError', async () => {
    const { tokens } = source(new MemoryTokenStore());
    await expect(tokens.current('nobody')).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
