/**
 * startSandbox({ fixtures }): a user's own items and shops answer the typed methods in every dialect,
 * handlers answer APIs the sandbox does not know, and a bad fixture file or item fails the start
 * with its name.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, OpenApiError } from '../../../src/index';
import { startSandbox, type Sandbox, type SandboxFixtures } from '../../../src/sandbox/index';
import { failure, sandboxClient, SEED_SHOP, type DialectName } from '../../support/sandbox-clients';

const SHOP = 'acme-factory';
let sandbox: Sandbox;
const handled: Array<Record<string, string>> = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    limits: false,
    fixtures: {
      items: [{ id: '770000000001', title: '样品', price: 3.2 }],
      shops: [
        {
          sellerNick: SHOP,
          name: 'ACME 工厂店',
          items: [
            {
              id: '770000000011',
              title: '不锈钢保温杯 500ml',
              price: 25,
              sales: 10,
              tiers: [
                { minQuantity: 2, price: 25 },
                { minQuantity: 50, price: 21.5 },
              ],
              skus: [
                { skuId: '1001', spec: { 颜色: '银色', 容量: '500ml' }, quantity: 7 },
                { skuId: '1002', spec: { 颜色: '黑色', 容量: '500ml' }, price: 26, quantity: 9 },
              ],
            },
            { id: '770000000012', title: '保温杯 儿童款', price: 18, sales: 300 },
            { id: '770000000013', title: '杯刷', price: 2.5, sales: 90 },
          ],
        },
      ],
      handlers: {
        'alibaba.trade.thing.get': (params) => {
          handled.push({ ...params });
          return { alibaba_trade_thing_get_response: { thing: { id: params.thing_id, ok: true } } };
        },
        'com.alibaba.trade/alibaba.trade.thing.get': (params) => ({ result: { id: params.thing_id } }),
        'alibaba.never.answers': () => undefined,
      },
    },
  });
});

afterAll(() => sandbox.close());

describe('user items and shops', () => {
  it.each<DialectName>(['top', 'aop', 'onebound'])('%s: getItem maps the user item', async (dialect) => {
    const client = sandboxClient(sandbox, dialect);
    try {
      const offer = await client.getItem('770000000011');
      expect(offer.title).toBe('不锈钢保温杯 500ml');
      expect(offer.priceTiers.map((t) => [t.minQuantity, t.unitPrice.text])).toEqual([
        [2, '25.00'],
        [50, '21.50'],
      ]);
      expect(offer.skus.map((s) => s.attributes)).toEqual([
        { 颜色: '银色', 容量: '500ml' },
        { 颜色: '黑色', 容量: '500ml' },
      ]);
      expect(offer.skus.map((s) => s.stock)).toEqual([7, 9]);
      expect((await client.getItem('770000000001')).title).toBe('样品');
      // The seed data is still there.
      expect((await client.getItem('610947572360')).id).toBe('610947572360');
    } finally {
      await client.close();
    }
  });

  it.each<DialectName>(['top', 'onebound'])(
    '%s: searchShopItems filters, sorts and pages the user shop',
    async (dialect) => {
      const client = sandboxClient(sandbox, dialect);
      try {
        const cheapest = await client.searchShopItems({ sellerNick: SHOP, sort: 'price', pageSize: 2 });
        expect(cheapest.items.map((i) => i.id)).toEqual(['770000000013', '770000000012']);
        expect(cheapest).toMatchObject({ total: 3, pageCount: 2, page: 1 });
        const cups = await client.searchShopItems({ sellerNick: SHOP, q: '保温杯', startPrice: 20 });
        expect(cups.items.map((i) => i.title)).toEqual(['不锈钢保温杯 500ml']);
        const all = [];
        for await (const item of client.iterateShopItems({ sellerNick: SHOP, sort: 'sale', pageSize: 1 }))
          all.push(item.id);
        expect(all).toEqual(['770000000012', '770000000013', '770000000011']);
        expect((await client.searchShopItems({ sellerNick: SEED_SHOP, pageSize: 1 })).total).toBe(1900);
      } finally {
        await client.close();
      }
    },
  );
});

describe('handlers', () => {
  it('answer an API the sandbox does not know, after the usual checks, with the business params', async () => {
    const client = sandboxClient(sandbox, 'top');
    try {
      const payload = await client.call('alibaba.trade.thing.get', { thing_id: 42 });
      expect(payload).toEqual({ thing: { id: '42', ok: true } });
      expect(handled.at(-1)).toEqual({ thing_id: '42' });
    } finally {
      await client.close();
    }
  });

  it('answer AOP calls by namespace/name', async () => {
    const client = sandboxClient(sandbox, 'aop');
    try {
      expect(await client.call('com.alibaba.trade/alibaba.trade.thing.get', { thing_id: 'x1' })).toEqual({
        result: { id: 'x1' },
      });
    } finally {
      await client.close();
    }
  });

  it('returning undefined leaves the call to the sandbox (an unknown method)', async () => {
    const client = sandboxClient(sandbox, 'top', { retry: false });
    try {
      const error = await failure(client.call('alibaba.never.answers', {}));
      expect(error).toBeInstanceOf(OpenApiError);
      expect((error as OpenApiError).code).toBe('22');
      expect(await failure(client.getItem('770000000099'))).toBeInstanceOf(NotFoundError);
    } finally {
      await client.close();
    }
  });
});

describe('bad fixtures fail the start', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'open1688-bad-fixture-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a file that is not JSON is named', async () => {
    await writeFile(join(dir, 'top.broken.json'), '{"format": ');
    await expect(startSandbox({ fixtures: { dir } })).rejects.toThrow(/fixture file .*top\.broken\.json is not JSON/);
  });

  it('a file that is not a fixture is named with the field', async () => {
    const fixture = {
      format: 'open1688-fixture/1',
      dialect: 'top',
      api: 'alibaba.item.get',
      params: {},
      status: '200',
      body: '{}',
    };
    await writeFile(join(dir, 'top.wrong.json'), JSON.stringify(fixture));
    await expect(startSandbox({ fixtures: { dir } })).rejects.toThrow(
      /fixture file .*top\.wrong\.json is not an open1688 fixture: "status"/,
    );
  });

  it('a missing directory, a bad item and a misspelt key are named', async () => {
    await expect(startSandbox({ fixtures: { dir: join(dir, 'nope') } })).rejects.toThrow(/fixtures\.dir .*nope/);
    await expect(startSandbox({ fixtures: { items: [{ id: '1', title: 't', price: -1 }] } })).rejects.toThrow(
      /fixtures\.items\[0\]\.price/,
    );
    const misspelt = { item: [] } as unknown as SandboxFixtures;
    await expect(startSandbox({ fixtures: misspelt })).rejects.toThrow(/fixtures: unknown key "item"/);
  });
});
