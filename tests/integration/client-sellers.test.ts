/**
 * Many sellers through one client (issue 14 item 7): a per-call `session` (TOP) and `accessToken`
 * (AOP) on `call` and the typed methods, refused before sending where the dialect has no such
 * credential, never shown in an error, and every call acting for a seller cached under a hash of
 * its credential: two sellers sharing one client and one cache never see each other's answers.
 */
import { AuthenticationError, InvalidRequestError, type OpenClient, defineApi } from '../../src/index';
import { MemoryTokenStore } from '../../src/auth/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../src/sandbox/index';
import { recordingStore } from '../support/recording-cache';
import { failure, sandboxClient, SEED_SHOP } from '../support/sandbox-clients';
import { plainClient, plainGateway } from '../support/plain-gateway';
import { z } from 'zod';

const ITEM = '610947572360';
const PRODUCT = 'com.alibaba.product/alibaba.product.get';
const QIANNIU = 'taobao.qianniu.item.get';
// Two sellers of one app: the sandbox accepts both, and each must be answered on its own.
const SESSION_A = 'session-of-seller-a-4f1c';
const SESSION_B = 'session-of-seller-b-93d2';
const TOKEN_A = 'token-of-seller-a-77e1';
const TOKEN_B = 'token-of-seller-b-0b5a';

let sandbox: Sandbox;
const made: OpenClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    limits: false,
    apps: [
      {
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        sessions: [SESSION_A, SESSION_B],
        accessTokens: [TOKEN_A, TOKEN_B],
        refreshTokens: [SANDBOX_DEFAULTS.refreshToken],
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.close()));
  await sandbox.close();
});

/** A client of the app with no seller credential of its own. */
function client(dialect: 'top' | 'aop' | 'onebound', extra: Parameters<typeof sandboxClient>[2] = {}): OpenClient {
  const c = sandboxClient(sandbox, dialect, {
    session: undefined,
    accessToken: undefined,
    refreshToken: undefined,
    ...extra,
  });
  made.push(c);
  return c;
}

const requests = (api: string) => sandbox.log.filter((entry) => entry.api === api);

describe('per-call session (TOP) and accessToken (AOP)', () => {
  beforeEach(() => sandbox.reset());

  it('TOP: call and getQianniuItems act for the session given to the call', async () => {
    const c = client('top');
    await c.call(QIANNIU, {}, { session: SESSION_A });
    const page = await c.getQianniuItems({ pageSize: 5 }, { session: SESSION_B });
    expect(page.items.length).toBeGreaterThan(0);
    expect(requests(QIANNIU).map((entry) => entry.outcome)).toEqual(['ok', 'ok']);
    // Without one, the client has no session: the sandbox answers 26 (missing session).
    const error = await failure(c.call(QIANNIU, {}, { retry: false }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('AOP: call, getItem and a defineApi method send the accessToken given to the call', async () => {
    const c = client('aop');
    const getProduct = defineApi({
      name: PRODUCT,
      dialects: ['aop'],
      params: z.object({ productID: z.string() }),
      response: z.object({ success: z.boolean() }).passthrough(),
    });
    await c.call(PRODUCT, { productID: ITEM }, { accessToken: TOKEN_A });
    await c.getItem(ITEM, undefined, { accessToken: TOKEN_B });
    expect((await getProduct(c, { productID: ITEM }, { accessToken: TOKEN_A })).success).toBe(true);
    expect(requests(PRODUCT).map((entry) => entry.outcome)).toEqual(['ok', 'ok', 'ok']);
  });

  it('searchShopItems and iterateShopItems take the per-call session too', async () => {
    const c = client('top');
    const page = await c.searchShopItems({ sellerNick: SEED_SHOP, pageSize: 10 }, { session: SESSION_A });
    expect(page.items).toHaveLength(10);
    let seen = 0;
    for await (const _item of c.iterateShopItems({ sellerNick: SEED_SHOP, pageSize: 100 }, { session: SESSION_B })) {
      if (++seen === 150) break;
    }
    expect(seen).toBe(150);
  });

  it('paginate takes the per-call session too', async () => {
    const pages: unknown[] = [];
    for await (const page of client('top').paginate(
      QIANNIU,
      {},
      { pageParam: 'page', read: (payload) => ({ items: [payload] }), maxPages: 1, session: SESSION_A },
    )) {
      pages.push(page);
    }
    expect(pages).toHaveLength(1);
    expect(requests(QIANNIU).map((entry) => entry.outcome)).toEqual(['ok']);
  });

  it.each([
    ['top', { accessToken: TOKEN_A }, 'option "accessToken" is for the aop dialect'],
    ['top', { seller: 'member-a' }, 'option "seller" is for the aop dialect'],
    ['aop', { session: SESSION_A }, 'option "session" is for the top dialect'],
    ['onebound', { session: SESSION_A }, 'option "session" is for the top dialect'],
    ['onebound', { accessToken: TOKEN_A }, 'option "accessToken" is for the aop dialect'],
    ['aop', { seller: 'member-a' }, 'needs the client option tokenStore'],
    ['top', { session: '' }, 'invalid option "session": must be a non-empty string'],
    ['aop', { accessToken: 12345678 }, 'invalid option "accessToken": must be a non-empty string'],
  ] as const)('%s %j: InvalidRequestError before anything is sent', async (dialect, options, expected) => {
    const c = client(dialect);
    const requestOptions = options as Record<string, unknown>;
    const attempts = [
      () => c.call({ top: 'any.api.get', aop: 'ns/any.api.get', onebound: 'item_get' }[dialect], {}, requestOptions),
      () => c.getItem(ITEM, undefined, requestOptions),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toContain(expected);
      for (const value of Object.values(options))
        if (String(value).length > 3) expect(error.message).not.toContain(String(value));
    }
    expect(sandbox.log).toHaveLength(0);
  });

  it('refuses accessToken and seller together', async () => {
    const c = client('aop', { tokenStore: new MemoryTokenStore() });
    const error = await failure(c.call(PRODUCT, { productID: ITEM }, { accessToken: TOKEN_A, seller: 'member-a' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('not both');
    expect(sandbox.log).toHaveLength(0);
  });
});

describe('per-call credentials never appear in errors or logs', () => {
  it('a gateway that echoes the session and the token into its message: masked in the error and the log', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (...args: unknown[]) => void lines.push(JSON.stringify(args)),
      info: (...args: unknown[]) => void lines.push(JSON.stringify(args)),
      warn: (...args: unknown[]) => void lines.push(JSON.stringify(args)),
      error: (...args: unknown[]) => void lines.push(JSON.stringify(args)),
    };
    // Echoes the credential it received, bare (no key name next to it), in the error text.
    const gateway = await plainGateway((seen) => ({
      status: 200,
      body: JSON.stringify(
        seen.params.method !== undefined
          ? { error_response: { code: 27, msg: 'Invalid session', sub_msg: `not valid: ${seen.params.session}` } }
          : { error_code: 'gw.AccessTokenInvalid', error_message: `not valid: ${seen.params.access_token}` },
      ),
    }));
    try {
      for (const [dialect, options, secret] of [
        ['top', { session: SESSION_A }, SESSION_A],
        ['aop', { accessToken: TOKEN_A }, TOKEN_A],
      ] as const) {
        const c = plainClient(gateway, dialect, { logger, session: undefined, accessToken: undefined });
        made.push(c);
        const api = dialect === 'top' ? QIANNIU : PRODUCT;
        const error = await failure(c.call(api, { productID: ITEM }, options));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(JSON.stringify(error)).not.toContain(secret);
        expect(error.message + String((error as { subMessage?: string }).subMessage)).not.toContain(secret);
        expect(String((error as { subMessage?: string }).subMessage ?? '') + error.message).toContain('not valid: ');
      }
      expect(lines.join('\n')).not.toContain(SESSION_A);
      expect(lines.join('\n')).not.toContain(TOKEN_A);
    } finally {
      await gateway.close();
    }
  });
});

describe('two sellers through one client and one cache', () => {
  beforeEach(() => sandbox.reset());

  it('AOP: each seller is asked once, hits only their own entry, and no key holds a token', async () => {
    const store = recordingStore();
    const c = client('aop', { responseCache: { store, ttlMs: 60_000 } });
    await c.getItem(ITEM, undefined, { accessToken: TOKEN_A });
    await c.getItem(ITEM, undefined, { accessToken: TOKEN_B }); // not A's answer: a request of its own
    await c.getItem(ITEM, undefined, { accessToken: TOKEN_A });
    await c.getItem(ITEM, undefined, { accessToken: TOKEN_B });
    expect(requests(PRODUCT)).toHaveLength(2);
    expect(new Set(store.keys).size).toBe(2);
    for (const key of store.keys) for (const token of [TOKEN_A, TOKEN_B]) expect(key).not.toContain(token);
  });

  it('AOP: two clients of the app with their own tokens share a cache without sharing answers', async () => {
    const store = recordingStore();
    const a = client('aop', { accessToken: TOKEN_A, responseCache: { store, ttlMs: 60_000 } });
    const b = client('aop', { accessToken: TOKEN_B, responseCache: { store, ttlMs: 60_000 } });
    await a.getItem(ITEM);
    await b.getItem(ITEM);
    await a.getItem(ITEM);
    expect(requests(PRODUCT)).toHaveLength(2);
  });

  it('AOP sellers from the token store: scoped by seller, the key holding neither token nor seller', async () => {
    const store = recordingStore();
    const tokenStore = new MemoryTokenStore({
      'member-a': { accessToken: TOKEN_A },
      'member-b': { accessToken: TOKEN_B },
    });
    const c = client('aop', { tokenStore, responseCache: { store, ttlMs: 60_000 } });
    for (const seller of ['member-a', 'member-b', 'member-a', 'member-b']) await c.getItem(ITEM, undefined, { seller });
    expect(requests(PRODUCT)).toHaveLength(2);
    for (const key of store.keys) for (const text of [TOKEN_A, TOKEN_B, 'member-a']) expect(key).not.toContain(text);
  });

  it('TOP: product reads with different sessions (per call or per client) are cached apart', async () => {
    const store = recordingStore();
    const c = client('top', { session: SESSION_A, responseCache: { store, ttlMs: 60_000 } });
    await c.getItem(ITEM); // the client's session
    await c.getItem(ITEM, undefined, { session: SESSION_B });
    await c.getItem(ITEM, undefined, { session: SESSION_A }); // the same seller as the client's: a hit
    await c.getQianniuItems({}, { session: SESSION_B });
    await c.getQianniuItems({}, { session: SESSION_A });
    expect(sandbox.log.map((entry) => entry.api)).toEqual(['alibaba.item.get', 'alibaba.item.get', QIANNIU, QIANNIU]);
    for (const key of store.keys) for (const session of [SESSION_A, SESSION_B]) expect(key).not.toContain(session);
  });
});
