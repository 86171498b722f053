/**
 * Sellers' tokens from a TokenStore (issue 14 item 7), in one process: a call naming a seller sends
 * that seller's stored token; a rejected or expiring one is refreshed once through the sandbox's
 * system.oauth2/getToken, written back, and shared by every concurrent caller and every client of
 * the store. The sandbox's log counts the refreshes.
 */
import { AuthenticationError, InvalidRequestError, type OpenClient } from '../../src/index';
import { MemoryTokenStore, type StoredTokens, type TokenStore } from '../../src/auth/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { failure, sandboxClient } from '../support/sandbox-clients';

const ITEM = '610947572360';
const PRODUCT = 'com.alibaba.product/alibaba.product.get';
const OAUTH = 'system.oauth2/getToken';
// Not a token the sandbox knows: the gateway rejects it (gw.AccessTokenInvalid), as it would an expired one.
const STALE = 'stale-token-of-member-a';

let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ limits: false });
});

beforeEach(() => sandbox.reset());

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

function client(tokenStore: TokenStore): OpenClient {
  const c = sandboxClient(sandbox, 'aop', { accessToken: undefined, refreshToken: undefined, tokenStore });
  made.push(c);
  return c;
}

const staleSeller = (): StoredTokens => ({ accessToken: STALE, refreshToken: SANDBOX_DEFAULTS.refreshToken });
const count = (api: string) => sandbox.log.filter((entry) => entry.api === api).length;

describe('sellers from a token store', () => {
  it("sends the named seller's stored token", async () => {
    const store = new MemoryTokenStore({ 'member-a': { accessToken: SANDBOX_DEFAULTS.accessToken } });
    const offer = await client(store).getItem(ITEM, undefined, { seller: 'member-a' });
    expect(offer.id).toBe(ITEM);
    expect(count(PRODUCT)).toBe(1);
    expect(count(OAUTH)).toBe(0);
  });

  it('refreshes a rejected token once, writes it back, and the next call uses it without refreshing', async () => {
    const store = new MemoryTokenStore({ 'member-a': staleSeller() });
    const c = client(store);
    await c.call(PRODUCT, { productID: ITEM }, { seller: 'member-a' });
    const written = await store.get('member-a');
    expect(written?.accessToken).not.toBe(STALE);
    expect(written?.refreshToken).toBe(SANDBOX_DEFAULTS.refreshToken);
    expect(written?.expiresAt).toBeGreaterThan(Date.now());
    await c.call(PRODUCT, { productID: ITEM }, { seller: 'member-a' });
    expect(count(OAUTH)).toBe(1);
    expect(sandbox.log.map((entry) => entry.outcome)).toEqual(['error', 'ok', 'ok', 'ok']);
  });

  it("never touches the client's own token, nor another seller's", async () => {
    const store = new MemoryTokenStore({
      'member-a': staleSeller(),
      'member-b': { accessToken: SANDBOX_DEFAULTS.accessToken },
    });
    const c = client(store);
    await c.call(PRODUCT, { productID: ITEM }, { seller: 'member-a' });
    expect((await store.get('member-b'))?.accessToken).toBe(SANDBOX_DEFAULTS.accessToken);
    // The client has no token of its own, and the refresh did not give it one.
    const error = await failure(c.call(PRODUCT, { productID: ITEM }, { retry: false }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('many concurrent calls and several clients sharing the store: exactly one refresh', async () => {
    const store = new MemoryTokenStore({ 'member-a': staleSeller() });
    const clients = [client(store), client(store), client(store)];
    const calls = clients.flatMap((c) =>
      Array.from({ length: 8 }, () => c.call(PRODUCT, { productID: ITEM }, { seller: 'member-a' })),
    );
    await Promise.all(calls);
    expect(count(OAUTH)).toBe(1);
    expect(sandbox.log.filter((entry) => entry.api === PRODUCT && entry.outcome === 'ok')).toHaveLength(24);
  });

  it('refreshes before sending when the stored token is about to expire', async () => {
    const store = new MemoryTokenStore({ 'member-a': { ...staleSeller(), expiresAt: Date.now() + 5_000 } });
    await client(store).call(PRODUCT, { productID: ITEM }, { seller: 'member-a' });
    // The stale token was never sent: the refresh came first.
    expect(sandbox.log.map((entry) => [entry.api, entry.outcome])).toEqual([
      [OAUTH, 'ok'],
      [PRODUCT, 'ok'],
    ]);
  });

  it('a seller the store does not know: InvalidRequestError before anything is sent', async () => {
    const error = await failure(client(new MemoryTokenStore()).getItem(ITEM, undefined, { seller: 'member-x' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('member-x');
    expect(sandbox.log).toHaveLength(0);
  });

  it('without a refresh token, a rejected token ends the call with an AuthenticationError, no refresh', async () => {
    const store = new MemoryTokenStore({ 'member-a': { accessToken: STALE } });
    const error = await failure(client(store).call(PRODUCT, { productID: ITEM }, { seller: 'member-a' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).not.toContain(STALE);
    expect(count(OAUTH)).toBe(0);
  });

  it("a call's own accessToken is never refreshed", async () => {
    const c = client(new MemoryTokenStore());
    const error = await failure(c.call(PRODUCT, { productID: ITEM }, { accessToken: STALE }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(count(OAUTH)).toBe(0);
  });

  it('tokenStore is refused on a dialect without 1688 tokens', () => {
    expect(() => sandboxClient(sandbox, 'top', { tokenStore: new MemoryTokenStore() })).toThrow(
      /invalid option "tokenStore"/,
    );
  });
});
