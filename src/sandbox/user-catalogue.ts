/**
 * The items and shops a user gives `startSandbox({ fixtures: { items, shops } })`, so that a CI runs
 * on its own catalogue: each item answers the detail APIs of every dialect (written by
 * item-bodies.ts, as the generated ones are), each shop the shop listing, filtered, sorted and paged
 * as the seed shop is. They are checked with zod when the sandbox starts.
 */
import { z } from 'zod';
import { describeIssue } from '../zod-issue.js';
import { searchPage, type ShopQuery } from './catalogue.js';
import type { ShopSearchItem, ShopSearchPage } from './fixtures/types.js';
import { itemBodies, type ItemBodies } from './item-bodies.js';
import { hashString } from './random.js';

const yuan = z.number().nonnegative().finite();
const count = z.number().int().nonnegative();

const itemSchema = z
  .object({
    id: z.string().regex(/^[1-9]\d{0,19}$/, 'must be decimal digits'),
    title: z.string().min(1),
    price: yuan,
    tiers: z
      .array(z.object({ minQuantity: z.number().int().positive(), price: yuan }).strict())
      .min(1)
      .optional(),
    quantity: count.optional(),
    sales: count.optional(),
    picUrl: z.string().optional(),
    skus: z
      .array(
        z
          .object({
            skuId: z.string().regex(/^\d{1,20}$/, 'must be decimal digits'),
            spec: z.record(z.string(), z.string()),
            price: yuan.optional(),
            quantity: count.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const shopSchema = z
  .object({ sellerNick: z.string().min(1), name: z.string().min(1).optional(), items: z.array(itemSchema) })
  .strict();

/** An item of your own: prices in yuan; tiers default to one from quantity 1 at `price`. */
export type SandboxItem = z.input<typeof itemSchema>;
/** A shop of your own: its items answer the shop listing (and the detail APIs). */
export type SandboxShop = z.input<typeof shopSchema>;

// The seller of items given outside any shop.
const LOOSE_SELLER = 'sandbox-user-items';

class UserShop {
  readonly shopName: string;
  readonly shopUrl: string;

  constructor(
    readonly sellerNick: string,
    name: string | undefined,
    private readonly items: readonly SandboxItem[],
  ) {
    this.shopName = name ?? `${sellerNick}的店铺`;
    this.shopUrl = `https://shop.1688.com/?seller_nick=${encodeURIComponent(sellerNick)}`;
  }

  search(query: ShopQuery): ShopSearchPage {
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matching = this.items.filter(
      (item) =>
        (query.startPrice === undefined || item.price >= query.startPrice) &&
        (query.endPrice === undefined || item.price <= query.endPrice) &&
        words.every((word) => item.title.toLowerCase().includes(word)),
    );
    // A stable sort: ties keep the given order, so that pages never overlap.
    if (query.sort === 'price') matching.sort((a, b) => a.price - b.price);
    if (query.sort === '_price') matching.sort((a, b) => b.price - a.price);
    if (query.sort === 'sale') matching.sort((a, b) => (b.sales ?? 0) - (a.sales ?? 0));
    const from = (query.page - 1) * query.pageSize;
    const page = matching.slice(from, from + query.pageSize).map((item) => this.listItem(item));
    return searchPage(query, matching.length, page);
  }

  private listItem(item: SandboxItem): ShopSearchItem {
    return {
      num_iid: item.id,
      title: item.title,
      pic_url: pictureOf(item),
      price: item.price,
      sales: item.sales ?? 0,
      detail_url: `https://detail.1688.com/offer/${item.id}.html`,
      shop_name: this.shopName,
      shop_url: this.shopUrl,
    };
  }

  bodies(item: SandboxItem): ItemBodies {
    const price = item.price.toFixed(2);
    const tiers = item.tiers ?? [{ minQuantity: 1, price: item.price }];
    const quantity = item.quantity ?? 1000;
    const skus = item.skus ?? [];
    return itemBodies({
      id: item.id,
      title: item.title,
      price,
      tiers: tiers.map((tier) => [tier.minQuantity, tier.price.toFixed(2)]),
      quantity,
      sales: item.sales ?? 0,
      picUrl: pictureOf(item),
      detailUrl: `https://detail.1688.com/offer/${item.id}.html`,
      skus: skus.map((sku) => ({
        skuId: sku.skuId,
        price: (sku.price ?? item.price).toFixed(2),
        quantity: sku.quantity ?? Math.floor(quantity / skus.length),
        spec: sku.spec,
      })),
      seller: {
        userId: String(2_200_000_000_000 + hashString(this.sellerNick)),
        nick: this.sellerNick,
        shopName: this.shopName,
        shopUrl: this.shopUrl,
        creditLevel: 3,
        year: 5,
      },
    });
  }
}

function pictureOf(item: SandboxItem): string {
  return item.picUrl ?? `https://cbu01.alicdn.com/img/ibank/sandbox/user/${item.id}.jpg`;
}

/** The user's shops (by seller nick) and items (by id, in a shop or not). */
export class UserCatalogue {
  private readonly shops = new Map<string, UserShop>();
  private readonly items = new Map<string, { item: SandboxItem; shop: UserShop }>();

  /** Checks the user's data; a bad field throws naming it (`fixtures.shops[0].items[2].price`). */
  constructor(items: readonly SandboxItem[] = [], shops: readonly SandboxShop[] = []) {
    const looseItems = check(z.array(itemSchema), items, 'fixtures.items');
    const checkedShops = check(z.array(shopSchema), shops, 'fixtures.shops');
    const loose = new UserShop(LOOSE_SELLER, undefined, looseItems);
    for (const item of looseItems) this.items.set(item.id, { item, shop: loose });
    for (const { sellerNick, name, items: shopItems } of checkedShops) {
      const shop = new UserShop(sellerNick, name, shopItems);
      this.shops.set(sellerNick, shop);
      for (const item of shopItems) this.items.set(item.id, { item, shop });
    }
  }

  shop(sellerNick: string): UserShop | undefined {
    return this.shops.get(sellerNick);
  }

  /** The bodies of a user item, or undefined for an id the user did not give. */
  item(id: string): ItemBodies | undefined {
    const found = this.items.get(id);
    return found && found.shop.bodies(found.item);
  }
}

function check<T extends z.ZodType>(schema: T, value: unknown, name: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { path, rule } = describeIssue(parsed.error);
  throw new TypeError(`${name}${path === '(root)' ? '' : path.startsWith('[') ? path : `.${path}`}: ${rule}`);
}
