import { Catalogue } from '../../../src/sandbox/catalogue';
import { RawNumber, toJsonText } from '../../../src/sandbox/json-text';
import { SlidingWindowLimiter, DEFAULT_LIMITS } from '../../../src/sandbox/limits';
import { countOver, maxInWindow } from '../../../src/sandbox/stats';
import { RequestLog } from '../../../src/sandbox/log';

describe('generated catalogue', () => {
  const catalogue = new Catalogue(1688, [{ sellerNick: 'huge', size: 100_000 }]);
  const seedShop = catalogue.seedShop;

  it('is a pure function of the seed', () => {
    const again = new Catalogue(1688);
    expect(again.seedShop.search({ page: 7, pageSize: 40, sort: 'price' })).toEqual(
      seedShop.search({ page: 7, pageSize: 40, sort: 'price' }),
    );
    const other = new Catalogue(1689);
    expect(other.seedShop.titleAt(5) + other.seedShop.priceCentsAt(5)).not.toBe(
      seedShop.titleAt(5) + seedShop.priceCentsAt(5),
    );
  });

  it('has unique ids that map back to their item, some above 2^53', () => {
    const ids = new Set<bigint>();
    let big = 0;
    for (let i = 0; i < seedShop.size; i++) {
      const id = seedShop.idAt(i);
      ids.add(id);
      if (id > BigInt(Number.MAX_SAFE_INTEGER)) big++;
      expect(catalogue.find(id)?.index).toBe(i);
    }
    expect(ids.size).toBe(1900);
    expect(big).toBe(20);
    expect(catalogue.find(610947572360n)).toBeUndefined();
    expect(catalogue.find(seedShop.idAt(1899) + 1n)).toBeUndefined();
  });

  it('pages a sorted 100 000-item shop without overlaps or gaps', () => {
    const shop = catalogue.shop('huge')!;
    const seen = new Set<string>();
    let last = Infinity;
    const pages = [1, 2, 3];
    for (const page of pages) {
      for (const item of shop.search({ page, pageSize: 100, sort: '_price' }).item) {
        seen.add(String(item.num_iid));
        expect(item.price).toBeLessThanOrEqual(last);
        last = item.price;
      }
    }
    expect(seen.size).toBe(300);
    const lastPage = shop.search({ page: 1000, pageSize: 100 });
    expect(lastPage).toMatchObject({ pagecount: 1000, real_total_results: 100_000 });
    expect(lastPage.item).toHaveLength(100);
    expect(shop.search({ page: 1001, pageSize: 100 }).item).toHaveLength(0);
  });

  it('filters by price range and words', () => {
    const page = seedShop.search({ page: 1, pageSize: 100, startPrice: 10, endPrice: 300.5, q: '数据线 款号1' });
    expect(page.real_total_results).toBeGreaterThan(0);
    for (const item of page.item) {
      expect(item.price).toBeGreaterThanOrEqual(10);
      expect(item.price).toBeLessThanOrEqual(300.5);
      expect(item.title).toMatch(/数据线.*款号1/);
    }
  });
});

describe('JSON text with raw numbers', () => {
  it('writes integers above 2^53 unquoted and exactly', () => {
    const text = toJsonText({ id: new RawNumber(9007199254740993n), s: '9007199254740993' });
    expect(text).toBe('{"id":9007199254740993,"s":"9007199254740993"}');
    expect(JSON.parse(text).id).toBe(9007199254740992); // what a plain client gets
  });

  it('asciiOnly escapes non-ASCII like PHP json_encode', () => {
    expect(toJsonText({ t: '多亲' }, { asciiOnly: true })).toBe('{"t":"\\u591a\\u4eb2"}');
  });
});

describe('sliding windows', () => {
  it('maxInWindow counts the busiest half-open window (t - w, t]', () => {
    expect(maxInWindow([0, 500, 999, 1000, 1500], 1000)).toBe(3);
    expect(maxInWindow([0, 999], 1000)).toBe(2);
    expect(maxInWindow([0, 1000, 2000], 1000)).toBe(1);
    expect(maxInWindow([], 1000)).toBe(0);
  });

  it('countOver counts the requests that found their window already full', () => {
    expect(countOver([0, 100, 200, 300], 1000, 2)).toBe(2);
    expect(countOver([0, 100, 1100, 1200], 1000, 2)).toBe(0);
  });

  it('the limiter refuses at the limit and reports when the window frees a slot', () => {
    const limiter = new SlidingWindowLimiter(() => ({ ...DEFAULT_LIMITS, qps: 2 }));
    expect(limiter.admit('a', 0).admitted).toBe(true);
    expect(limiter.admit('a', 400).admitted).toBe(true);
    expect(limiter.admit('a', 999)).toEqual({ admitted: false, window: 'qps', retryAfterMs: 1, limit: 2 });
    expect(limiter.admit('a', 1000).admitted).toBe(true);
    expect(limiter.admit('b', 1000).admitted).toBe(true);
  });
});

describe('request log', () => {
  const entry = (seq: number) => ({
    seq,
    arrivalMs: seq,
    clockMs: seq,
    dialect: 'top' as const,
    outcome: 'ok' as const,
    status: 200,
  });

  it('keeps arrival order when answers finish out of order', () => {
    const log = new RequestLog();
    for (const seq of [1, 3, 2, 5, 4]) log.add(entry(seq));
    expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('logLimit drops the oldest entries', () => {
    const log = new RequestLog(10);
    for (let seq = 1; seq <= 25; seq++) log.add(entry(seq));
    expect(log.entries.length).toBeLessThanOrEqual(10);
    expect(log.entries.at(-1)!.seq).toBe(25);
    expect(log.entries.map((e) => e.seq)).toEqual([...log.entries.map((e) => e.seq)].sort((a, b) => a - b));
  });
});
