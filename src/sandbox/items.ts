/**
 * Item lookup for the detail APIs: the user's items, the seed fixtures, then the generated catalogue, whose items
 * get a detail generated from their listing entry (two SKUs, three price tiers, a seller).
 */
import type { Catalogue, CatalogueEntry } from './catalogue.js';
import { ONEBOUND_ITEM_610947572360 } from './fixtures/onebound-610947572360.js';
import { ONEBOUND_ITEM_61234567890, TOP_ITEM_61234567890 } from './fixtures/seed-61234567890.js';
import { TOP_ITEM_610947572360 } from './fixtures/top-610947572360.js';
import { itemBodies, type ItemBodies } from './item-bodies.js';
import { idValue } from './json-text.js';
import { hash32 } from './random.js';

export type { ItemBodies } from './item-bodies.js';

const FIXTURES: Record<string, ItemBodies> = {
  '610947572360': { top: TOP_ITEM_610947572360, onebound: ONEBOUND_ITEM_610947572360 },
  '61234567890': { top: TOP_ITEM_61234567890, onebound: ONEBOUND_ITEM_61234567890 },
};

/** Ids are decimal digits; anything else is an invalid argument, checked by the dialects. */
export const ITEM_ID = /^[1-9]\d{0,19}$/;

export function findItem(catalogue: Catalogue, id: string): ItemBodies | undefined {
  const own = catalogue.userItem(id);
  if (own) return own;
  const fixture = FIXTURES[id];
  if (fixture) return fixture;
  if (!ITEM_ID.test(id)) return undefined;
  const entry = catalogue.find(BigInt(id));
  return entry ? generatedItem(entry) : undefined;
}

const COLOURS = ['白色', '黑色'];

function generatedItem(entry: CatalogueEntry): ItemBodies {
  const { shop } = entry;
  const price = (entry.priceCents / 100).toFixed(2);
  const h = hash32(entry.index, shop.shopHash);
  const skuIds = COLOURS.map((_, k) => String(4_300_000_000_000n + (entry.id % 1_000_000_000n) * 2n + BigInt(k)));
  const half = Math.floor(entry.quantity / 2);
  const skuQuantities = [half, entry.quantity - half];
  return itemBodies({
    // The id as the gateways write it: a raw JSON number above 2^53. Typed as string for the shapes.
    id: idValue(entry.id) as unknown as string,
    title: entry.title,
    price,
    tiers: [
      [2, price],
      [100, ((entry.priceCents * 0.9) / 100).toFixed(2)],
      [500, ((entry.priceCents * 0.8) / 100).toFixed(2)],
    ],
    quantity: entry.quantity,
    sales: entry.sales,
    picUrl: entry.picUrl,
    detailUrl: entry.detailUrl,
    skus: COLOURS.map((colour, k) => ({
      skuId: skuIds[k]!,
      price,
      quantity: skuQuantities[k]!,
      spec: { 颜色: colour },
    })),
    seller: {
      userId: String(2_200_000_000_000 + shop.shopHash),
      nick: shop.sellerNick,
      shopName: shop.shopName,
      shopUrl: shop.shopUrl,
      creditLevel: 1 + (h % 5),
      year: 1 + ((h >>> 4) % 15),
    },
  });
}
