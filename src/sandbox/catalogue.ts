/**
 * The generated shop catalogues (seed 003: shop b2b-2200733087881719de with 1 900 items, the first of
 * them seed 003's printed example item, so that page 1 of the seed shop is the seed's answer). Items are
 * never stored: each is a pure function of (seed, shop, index), so a 100 000-item shop costs a few
 * typed arrays of sort orders, not 100 000 objects. Every 97th item (index ≡ 13) has an id above 2^53,
 * written as a raw JSON number, so that clients which parse with plain JSON.parse lose digits visibly.
 */
import { SEED_003_EXAMPLE_ITEM, SEED_SHOP_NICK, SEED_SHOP_SIZE } from './fixtures/shapes.js';
import type { ShopSearchItem, ShopSearchPage } from './fixtures/types.js';
import { idValue } from './json-text.js';
import { hash32, hashString } from './random.js';
import type { ItemBodies } from './item-bodies.js';
import type { UserCatalogue } from './user-catalogue.js';

// Seed 003's orders, one list for the client's checks and the sandbox's.
export { SHOP_SORTS, type ShopSort } from '../methods/search-shop-items.js';
import type { ShopSort } from '../methods/search-shop-items.js';

export interface ShopQuery {
  q?: string | undefined;
  startPrice?: number | undefined;
  endPrice?: number | undefined;
  sort?: ShopSort | undefined;
  page: number;
  pageSize: number;
}

export interface CatalogueEntry {
  shop: Shop;
  index: number;
  id: bigint;
  title: string;
  priceCents: number;
  sales: number;
  quantity: number;
  picUrl: string;
  detailUrl: string;
}

// 2^53 + 1: odd ids above it have no exact double, so JSON.parse changes them.
const BIG_BASE = 9007199254740993n;
const BIG_EVERY = 97;
const BIG_AT = 13;

const PREFIXES = ['厂家直销', '批发', '新款', '跨境热销', '定制', '现货'];
const PRODUCTS = [
  '服装吊牌',
  '手机壳',
  '纯棉T恤',
  '数据线',
  '收纳盒',
  '保温杯',
  '帆布袋',
  '不干胶贴纸',
  '蓝牙耳机',
  '文具套装',
];
const SUFFIXES = ['加厚', '支持定制LOGO', '一件代发', '量大从优', '可开发票'];

export class Shop {
  readonly shopHash: number;
  /** The seed shop's first item is seed 003's printed example, so that its page 1 is the seed's body. */
  private readonly pinned: ShopSearchItem | undefined;
  readonly shopName: string;
  readonly shopUrl: string;
  private readonly idBase: bigint;
  private readonly bigBase: bigint;
  private readonly sortCache = new Map<ShopSort, Int32Array>();

  constructor(
    readonly sellerNick: string,
    readonly size: number,
    private readonly seed: number,
  ) {
    this.shopHash = hashString(sellerNick);
    this.idBase = 520_000_000_000n + BigInt(this.shopHash % 90_000) * 1_000_000n;
    this.bigBase = BIG_BASE + 2n * BigInt(this.shopHash % 1_000_000) * 1_000_000n;
    const isSeedShop = sellerNick === SEED_SHOP_NICK;
    this.pinned = isSeedShop && size > 0 ? SEED_003_EXAMPLE_ITEM : undefined;
    this.shopName = isSeedShop ? SEED_003_EXAMPLE_ITEM.shop_name : `${sellerNick}的店铺`;
    this.shopUrl = isSeedShop
      ? SEED_003_EXAMPLE_ITEM.shop_url
      : `https://shop.1688.com/?seller_nick=${encodeURIComponent(sellerNick)}`;
  }

  isBigId(index: number): boolean {
    return index % BIG_EVERY === BIG_AT;
  }

  idAt(index: number): bigint {
    if (index === 0 && this.pinned) return BigInt(this.pinned.num_iid);
    return this.isBigId(index) ? this.bigBase + 2n * BigInt(index) : this.idBase + BigInt(index);
  }

  indexOf(id: bigint): number | undefined {
    if (this.pinned && id === BigInt(this.pinned.num_iid)) return 0;
    const plain = Number(id - this.idBase);
    if (plain >= 0 && plain < this.size && !this.isBigId(plain)) return plain;
    const offset = id - this.bigBase;
    if (offset >= 0n && offset % 2n === 0n) {
      const big = Number(offset / 2n);
      if (big < this.size && this.isBigId(big)) return big;
    }
    return undefined;
  }

  priceCentsAt(index: number): number {
    if (index === 0 && this.pinned) return Math.round(this.pinned.price * 100);
    return 100 + (hash32(this.seed, this.shopHash, index, 1) % 99_900);
  }

  salesAt(index: number): number {
    return hash32(this.seed, this.shopHash, index, 2) % 5_000;
  }

  titleAt(index: number): string {
    if (index === 0 && this.pinned) return this.pinned.title;
    const h = hash32(this.seed, this.shopHash, index, 3);
    const prefix = PREFIXES[h % PREFIXES.length];
    const product = PRODUCTS[(h >>> 8) % PRODUCTS.length];
    const suffix = SUFFIXES[(h >>> 16) % SUFFIXES.length];
    return `${prefix}${product} ${suffix} 款号${index + 1}`;
  }

  entryAt(index: number): CatalogueEntry {
    const id = this.idAt(index);
    return {
      shop: this,
      index,
      id,
      title: this.titleAt(index),
      priceCents: this.priceCentsAt(index),
      sales: this.salesAt(index),
      quantity: 100 + (hash32(this.seed, this.shopHash, index, 4) % 10_000),
      picUrl:
        index === 0 && this.pinned
          ? this.pinned.pic_url
          : `https://cbu01.alicdn.com/img/ibank/sandbox/${this.shopHash}/${index}.search.jpg`,
      detailUrl: `https://item.1688.com/item.htm?id=${id}`,
    };
  }

  /** The indices matching the query, in the query's order. */
  private matching(query: ShopQuery): Int32Array | undefined {
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const min = query.startPrice === undefined ? -Infinity : Math.round(query.startPrice * 100);
    const max = query.endPrice === undefined ? Infinity : Math.round(query.endPrice * 100);
    const filtered = words.length > 0 || min > -Infinity || max < Infinity;
    if (!filtered && query.sort === undefined) return undefined; // the natural order: no list needed
    const order = query.sort === undefined ? undefined : this.sortOrder(query.sort);
    const out = new Int32Array(this.size);
    let n = 0;
    for (let k = 0; k < this.size; k++) {
      const index = order ? order[k]! : k;
      if (filtered) {
        const cents = this.priceCentsAt(index);
        if (cents < min || cents > max) continue;
        if (words.length > 0) {
          const title = this.titleAt(index).toLowerCase();
          if (!words.every((w) => title.includes(w))) continue;
        }
      }
      out[n++] = index;
    }
    return out.subarray(0, n);
  }

  private sortOrder(sort: ShopSort): Int32Array {
    let order = this.sortCache.get(sort);
    if (!order) {
      const keys = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) {
        keys[i] =
          sort === 'price' ? this.priceCentsAt(i) : sort === '_price' ? -this.priceCentsAt(i) : -this.salesAt(i);
      }
      order = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) order[i] = i;
      // Ties keep the natural order, so that pages never overlap.
      order.sort((a, b) => keys[a]! - keys[b]! || a - b);
      this.sortCache.set(sort, order);
    }
    return order;
  }

  search(query: ShopQuery): ShopSearchPage {
    const matches = this.matching(query);
    const total = matches ? matches.length : this.size;
    const from = (query.page - 1) * query.pageSize;
    const to = Math.min(total, from + query.pageSize);
    const item: ShopSearchItem[] = [];
    for (let k = from; k < to; k++) item.push(this.listItem(this.entryAt(matches ? matches[k]! : k)));
    return searchPage(query, total, item);
  }

  listItem(entry: CatalogueEntry): ShopSearchItem {
    // Seed 003's item verbatim: its seven fields, no more.
    if (entry.index === 0 && this.pinned) return { ...this.pinned };
    return {
      num_iid: idValue(entry.id) as string | number, // a RawNumber above 2^53: a number on the wire
      title: entry.title,
      pic_url: entry.picUrl,
      price: entry.priceCents / 100,
      sales: entry.sales,
      detail_url: entry.detailUrl,
      shop_name: this.shopName,
      shop_url: this.shopUrl,
    };
  }
}

/** Seed 003's `items` object around one page of `total` matching items. */
export function searchPage(query: ShopQuery, total: number, item: ShopSearchItem[]): ShopSearchPage {
  return {
    page: String(query.page),
    real_total_results: total,
    total_results: total,
    page_size: query.pageSize,
    pagecount: Math.ceil(total / query.pageSize),
    item,
  };
}

/** What the listing APIs need of a shop, generated or the user's. */
export interface ListedShop {
  search(query: ShopQuery): ShopSearchPage;
}

export class Catalogue {
  private readonly shops = new Map<string, Shop>();

  constructor(
    seed: number,
    extraShops: ReadonlyArray<{ sellerNick: string; size: number }> = [],
    /** The user's own items and shops (startSandbox `fixtures`): they win over generated ones. */
    private readonly user?: UserCatalogue,
  ) {
    for (const { sellerNick, size } of [{ sellerNick: SEED_SHOP_NICK, size: SEED_SHOP_SIZE }, ...extraShops]) {
      if (!Number.isSafeInteger(size) || size < 0 || size > 10_000_000) {
        throw new RangeError(`shop ${sellerNick}: size must be an integer from 0 to 10 000 000, got ${size}`);
      }
      this.shops.set(sellerNick, new Shop(sellerNick, size, seed));
    }
  }

  shop(sellerNick: string): Shop | undefined {
    return this.shops.get(sellerNick);
  }

  /** The shop the listing APIs answer for: the user's of that nick first, then a generated one. */
  listedShop(sellerNick: string): ListedShop | undefined {
    return this.user?.shop(sellerNick) ?? this.shops.get(sellerNick);
  }

  /** A user item's bodies, or undefined for an id the user did not give. */
  userItem(id: string): ItemBodies | undefined {
    return this.user?.item(id);
  }

  /** The default shop: the seller behind sandbox sessions (taobao.qianniu.item.get). */
  get seedShop(): Shop {
    return this.shops.get(SEED_SHOP_NICK)!;
  }

  find(id: bigint): CatalogueEntry | undefined {
    for (const shop of this.shops.values()) {
      const index = shop.indexOf(id);
      if (index !== undefined) return shop.entryAt(index);
    }
    return undefined;
  }
}
