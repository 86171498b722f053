/**
 * A smoke test to copy into your own CI: it starts open1688's sandbox (a local gateway on 127.0.0.1
 * with the seed data and real signature checks), points a client at it and checks what comes back.
 * No account, no network. Run here with `npx jest --config examples/jest.config.ts`.
 */
import { OpenClient } from 'open1688';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from 'open1688/sandbox';

let sandbox: Sandbox;
let client: OpenClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new OpenClient({
    dialect: 'top',
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    session: SANDBOX_DEFAULTS.session,
    baseUrl: sandbox.urls.top,
  });
});

afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});

test('getItem returns the seed offer, validated', async () => {
  const offer = await client.getItem('610947572360');
  expect(offer.id).toBe('610947572360');
  expect(offer.title).toContain('Qin2 Pro');
  // Seed 000's offer: one price from the minimum order quantity on, no tier table.
  expect(offer.priceRange.min).toEqual({ text: '799.00', fen: 79_900 });
  expect(offer.minOrderQuantity).toBe(2);
  expect(offer.skus.length).toBeGreaterThan(0);
  expect(offer.supplier.companyName).toBe('深圳市多亲科技有限公司');
});

test('searchShopItems returns the first page of the 1 900-item shop', async () => {
  const page = await client.searchShopItems({ sellerNick: 'b2b-2200733087881719de', pageSize: 20 });
  expect(page).toMatchObject({ page: 1, pageSize: 20, total: 1900, pageCount: 95 });
  expect(page.items).toHaveLength(20);
  for (const item of page.items) expect(item.price.fen).toBeGreaterThan(0);
});

test('the sandbox saw exactly those two signed calls, both answered', () => {
  expect(sandbox.log.map((entry) => [entry.api, entry.outcome])).toEqual([
    ['alibaba.item.get', 'ok'],
    ['item_search_shop', 'ok'],
  ]);
});
