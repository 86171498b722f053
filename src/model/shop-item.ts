/** One entry of a shop listing or a search result: enough to list it and to fetch the full offer. */
import { z } from 'zod';
import { MoneySchema } from './money.js';

/** One entry of a shop listing: id, title, price, image, URL, shop name and sales. */
export const ShopItemSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  price: MoneySchema,
  image: z.string(),
  url: z.string(),
  shopName: z.string().optional(),
  sales: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});
/** One validated entry of a shop listing. */
export type ShopItem = z.infer<typeof ShopItemSchema>;
