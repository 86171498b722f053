/** The response cache of the typed methods against the sandbox, with the in-memory store. */
import { InvalidRequestError, NotFoundError, type OpenClient } from '../../src/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { recordingStore } from '../support/recording-cache';
import { sandboxClient, SEED_SHOP, type DialectName } from '../support/sandbox-clients';

const OTHER_SESSION = 'another-sellers-session';
let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  // No limits on either side: these tests count requests, methods-shop-limits.test.ts checks the limits.
  sandbox = await startSandbox({
    limits: false,
    apps: [
      {
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        sessions: [SANDBOX_DEFAULTS.session, OTHER_SESSION],
        accessTokens: [SANDBOX_DEFAULTS.accessToken],
        refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

function client(dialect: DialectName, extra: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const c = sandboxClient(sandbox, dialect, { limits: false, ...extra });
  made.push(c);
  return c;
}

describe('response cache (memory)', () => {
  it.each(['top', 'aop', 'onebound'] as const)('%s: a hit makes no request; expiry makes one', async (dialect) => {
    sandbox.reset();
    // Long enough that a loaded CI machine still hits before it expires.
    const c = client(dialect, { responseCache: { store: 'memory', ttlMs: 1000 } });
    const first = await c.getItem('610947572360');
    const second = await c.getItem('610947572360');
    expect(second).toEqual(first);
    expect(sandbox.log).toHaveLength(1);
    if (dialect !== 'aop') {
      // (aop refuses the shop search before sending: no public source shows its answer)
      await c.searchShopItems({ sellerNick: SEED_SHOP });
      await c.searchShopItems({ sellerNick: SEED_SHOP, page: 1, pageSize: 40 }); // the same request, spelled out
    }
    const before = sandbox.log.length;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c.getItem('610947572360');
    expect(sandbox.log).toHaveLength(before + 1);
  });

  it('10 concurrent identical calls: 1 request in the sandbox log', async () => {
    sandbox.reset();
    const c = client('top', { responseCache: { store: 'memory', ttlMs: 60_000 } });
    const offers = await Promise.all(Array.from({ length: 10 }, () => c.getItem('61234567890')));
    expect(new Set(offers.map((o) => o.id))).toEqual(new Set(['61234567890']));
    expect(sandbox.log).toHaveLength(1);
  });

  it('errors are not cached; cache: false bypasses', async () => {
    sandbox.reset();
    const c = client('top', { responseCache: { store: 'memory', ttlMs: 60_000 } });
    await expect(c.getItem('1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(c.getItem('1')).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.log).toHaveLength(2);
    await c.getItem('610947572360');
    await c.getItem('610947572360', {}, { cache: false });
    expect(sandbox.log).toHaveLength(4);
  });

  it('no secret, session or token in any key; Qianniu keyed per session', async () => {
    sandbox.reset();
    const store = recordingStore();
    const clients = (['top', 'aop', 'onebound'] as const).map((d) =>
      client(d, { responseCache: { store, ttlMs: 60_000 } }),
    );
    for (const c of clients) {
      await c.getItem('610947572360');
      if (c.dialect !== 'aop') await c.searchShopItems({ sellerNick: SEED_SHOP, q: '手机壳' });
    }
    await clients[0]!.getQianniuItems({ page: 1, pageSize: 5 });
    const secrets = [...Object.values(SANDBOX_DEFAULTS).filter((v) => v !== SANDBOX_DEFAULTS.appKey), OTHER_SESSION];
    expect(store.keys).toHaveLength(6);
    for (const key of store.keys) {
      expect(key).toMatch(/^(top|aop|onebound):[\w./]+:[0-9a-f]{64}$/);
      for (const secret of secrets) expect(key).not.toContain(secret);
    }
    // The same seller again: a hit. Another seller (session) asking the same: its own entry and request.
    const before = sandbox.log.length;
    await clients[0]!.getQianniuItems({ page: 1, pageSize: 5 });
    expect(sandbox.log.length).toBe(before);
    const other = client('top', { session: OTHER_SESSION, responseCache: { store, ttlMs: 60_000 } });
    await other.getQianniuItems({ page: 1, pageSize: 5 });
    expect(sandbox.log.length).toBe(before + 1);
    expect(store.keys).toHaveLength(7);
    expect(store.keys[6]).not.toBe(store.keys[5]);
    for (const secret of secrets) expect(store.keys[6]).not.toContain(secret);
  });

  it('a bad responseCache option is refused by name', () => {
    expect(() => client('top', { responseCache: { ttlMs: -1 } })).toThrow(InvalidRequestError);
    expect(() => client('top', { responseCache: { ttlMs: -1 } })).toThrow(/responseCache\.ttlMs/);
  });
});

describe('getQianniuItems through the sandbox', () => {
  it('pages of the session seller, ids exact', async () => {
    const page = await client('top').getQianniuItems({ page: 1, pageSize: 20, type: 3 });
    expect(page.total).toBe(1900);
    expect(page.items).toHaveLength(20);
    expect(page.type).toBe(3);
    expect(BigInt(page.items[13]!.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('needs a session and a TOP client; bad params fail before sending', async () => {
    sandbox.reset();
    await expect(client('top', { session: undefined }).getQianniuItems()).rejects.toThrow(/session/);
    await expect(client('aop').getQianniuItems()).rejects.toThrow(/TOP API/);
    await expect(client('top').getQianniuItems({ pageSize: 500 })).rejects.toThrow(/"pageSize"/);
    expect(sandbox.log).toHaveLength(0);
  });
});
