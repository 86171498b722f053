/** client.getItem against the sandbox over HTTP, per dialect: one Offer whichever gateway answered. */
import { InvalidRequestError, NotFoundError, unitPriceFor, type Offer, type OpenClient } from '../../src/index';
import { Catalogue } from '../../src/sandbox/catalogue';
import { SEED_DESC_IMAGES } from '../../src/sandbox/fixtures/index';
import { startSandbox, type Sandbox } from '../../src/sandbox/index';
import { sandboxClient, SEED_SHOP, type DialectName } from '../support/sandbox-clients';

const DIALECTS: DialectName[] = ['top', 'aop', 'onebound'];
let sandbox: Sandbox;
const clients = {} as Record<DialectName, OpenClient>;

beforeAll(async () => {
  // No limits on either side: these tests count requests, methods-shop-limits.test.ts checks the limits.
  sandbox = await startSandbox({ limits: false });
  for (const dialect of DIALECTS) clients[dialect] = sandboxClient(sandbox, dialect, { limits: false });
});

afterAll(async () => {
  await Promise.all(DIALECTS.map((d) => clients[d].close()));
  await sandbox.close();
});

/**
 * The parts of an Offer every dialect carries. AOP's productInfo has no shop name, no sales figures
 * and its `subject` is the title (sources in src/methods/mappers/aop-product.ts).
 */
function common(offer: Offer) {
  const { raw: _raw, subject: _subject, supplier, sales: _sales, skus, ...rest } = offer;
  return {
    ...rest,
    skus: skus.map(({ sold: _sold, ...sku }) => sku),
    supplierNick: supplier.nick,
    supplierId: supplier.id,
  };
}

describe('getItem through the sandbox', () => {
  it.each(DIALECTS)('%s: the seed item 610947572360', async (dialect) => {
    const offer = await clients[dialect].getItem('610947572360');
    expect(offer.id).toBe('610947572360');
    expect(offer.title).toBe('厂家直销小米有品Qin2 Pro智能手机学生机老人机备用机小爱同学4G');
    expect(offer.skus).toHaveLength(2);
    for (const sku of offer.skus) expect(Object.keys(sku.attributes).sort()).toEqual(['机身内存', '颜色']);
    expect(offer.skus.map((s) => s.attributes['颜色'])).toEqual(['瓷白色', '铁灰色']);
    expect(offer.supplier.nick).toBe('qin多亲科技');
    expect(offer.location).toBe('广东省 深圳市');
    expect(offer.descriptionImages).toHaveLength(38);
    expect(offer.descriptionImages).toEqual(SEED_DESC_IMAGES);
    expect(offer.priceRange.min).toEqual({ text: '799.00', fen: 79900 });
  });

  it('maps the seed item to the same Offer in all three dialects', async () => {
    const [top, aop, onebound] = await Promise.all(DIALECTS.map((d) => clients[d].getItem('610947572360')));
    expect(common(aop!)).toEqual(common(top!));
    expect(common(onebound!)).toEqual(common(top!));
  });

  it.each(DIALECTS)('%s: the seed-004 item: three tiers, 200 units at 22.00', async (dialect) => {
    const offer = await clients[dialect].getItem(61234567890);
    expect(offer.priceTiers.map((t) => [t.minQuantity, t.unitPrice.text])).toEqual([
      [5, '25.00'],
      [100, '22.00'],
      [500, '19.00'],
    ]);
    expect(unitPriceFor(offer, 200)).toEqual({ text: '22.00', fen: 2200 });
  });

  it.each(DIALECTS)('%s: an id above 2^53 comes back exact, as does the listing that named it', async (dialect) => {
    const bigId = new Catalogue(1688).shop(SEED_SHOP)!.idAt(13).toString();
    expect(BigInt(bigId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(String(Number(bigId))).not.toBe(bigId); // a plain number would have lost it
    // (aop has no shop search: no public source shows its answer)
    const lister = dialect === 'aop' ? clients.top : clients[dialect];
    const page = await lister.searchShopItems({ sellerNick: SEED_SHOP, pageSize: 20 });
    expect(page.items[13]?.id).toBe(bigId);
    for (const id of [bigId, BigInt(bigId)]) {
      const offer = await clients[dialect].getItem(id);
      expect(offer.id).toBe(bigId);
    }
  });

  it.each(DIALECTS)(
    '%s: OneBound options are sent only where they exist, an unknown item is NotFoundError',
    async (d) => {
      const offer = await clients[d].getItem('610947572360', { salesData: true, lang: 'en', oneboundCache: false });
      // AOP's productInfo has no sales figure (aop-product.ts).
      expect(offer.sales).toBe(d === 'aop' ? undefined : 30);
      await expect(clients[d].getItem('1')).rejects.toBeInstanceOf(NotFoundError);
    },
  );

  it('invalid ids fail before any request reaches the sandbox', async () => {
    sandbox.reset();
    for (const dialect of DIALECTS) {
      for (const id of ['', 'abc', '-1', Number('9007199254740993'), 0]) {
        await expect(clients[dialect].getItem(id as string)).rejects.toBeInstanceOf(InvalidRequestError);
      }
      await expect(clients[dialect].getItem('1', { lang: 'de' } as never)).rejects.toThrow(/"lang"/);
    }
    expect(sandbox.log).toHaveLength(0);
  });

  it('TOP fields: the fields the Offer needs travel with the ones asked for', async () => {
    const offer = await clients.top.getItem('610947572360', { fields: ['sku_infos', 'seller'] });
    expect(offer.skus).toHaveLength(2);
  });
});
