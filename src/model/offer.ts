/**
 * The normalised B2B model: what every dialect's item response is mapped to (the mappers live with
 * the methods). Field names are the SDK's own, one spelling for all three gateways; `raw` keeps the
 * gateway's payload for anything the model does not cover.
 */
import { z } from 'zod';
import { MoneySchema } from './money.js';

const quantity = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const positiveQuantity = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One step of a tiered wholesale price: from `minQuantity` units on, each costs `unitPrice`. */
export const PriceTierSchema = z.object({
  minQuantity: positiveQuantity,
  unitPrice: MoneySchema,
});
/** One price tier: `minQuantity` and `unitPrice`. */
export type PriceTier = z.infer<typeof PriceTierSchema>;

/**
 * Mixed batches (混批): whether different SKUs of the offer may be combined to reach the minimum,
 * and the seller's thresholds for doing so (an order value and/or a number of units).
 */
export const MixBatchSchema = z.object({
  supported: z.boolean(),
  /** Minimum order value for a mixed batch (mix_amount). */
  amount: MoneySchema.optional(),
  /** Minimum number of units for a mixed batch (mix_number). */
  number: positiveQuantity.optional(),
});
/** Whether SKUs may be mixed (混批) and the seller's mix thresholds. */
export type MixBatch = z.infer<typeof MixBatchSchema>;

/** One purchasable variant: its spec values (颜色 → 白色, 尺码 → M), price and stock. */
export const SkuSchema = z.object({
  skuId: z.string().min(1),
  /** 1688's spec id (spec_id), used by the order APIs. */
  specId: z.string().min(1).optional(),
  price: MoneySchema,
  stock: quantity,
  /** Units sold (recent sales as the gateway reports them). */
  sold: quantity.optional(),
  attributes: z.record(z.string(), z.string()),
});
/** One SKU: id, spec id, price, stock, units sold and spec values. */
export type Sku = z.infer<typeof SkuSchema>;

/** The seller, with the credit data buyers filter on. */
export const SupplierSchema = z.object({
  id: z.string().optional(),
  nick: z.string().optional(),
  companyName: z.string().optional(),
  shopName: z.string().optional(),
  /** The platform's credit / trade level (credit_level). */
  creditLevel: quantity.optional(),
  /** Years of 诚信通 membership (year). */
  trustYears: quantity.optional(),
  /** Real-name / enterprise verification (is_verified). */
  verified: z.boolean().optional(),
  url: z.string().optional(),
});
/** The seller: ids, names, credit level, trust years, verification. */
export type Supplier = z.infer<typeof SupplierSchema>;

/** One product attribute (材质 → 棉). */
export const AttributeSchema = z.object({ name: z.string(), value: z.string() });
/** One product attribute: `name` and `value`. */
export type Attribute = z.infer<typeof AttributeSchema>;

/** The offer's category: id, and name when the gateway sends one. */
export const CategorySchema = z.object({ id: z.string().min(1), name: z.string().optional() });
/** The offer's category: `id` and optional `name`. */
export type Category = z.infer<typeof CategorySchema>;

/** The lowest and highest unit price of the offer (`min` ≤ `max`). */
export const PriceRangeSchema = z
  .object({ min: MoneySchema, max: MoneySchema })
  .refine((range) => range.min.fen <= range.max.fen, { message: 'priceRange.min must not exceed priceRange.max' });
/** The lowest and highest unit price: `min` and `max`. */
export type PriceRange = z.infer<typeof PriceRangeSchema>;

/** An offer (商品, 1688's "offer"): one product page with its wholesale terms and SKUs. */
export const OfferSchema = z.object({
  /** The offer id as a string: 1688 ids exceed 2^53 in places, so never a number. */
  id: z.string().min(1),
  title: z.string(),
  /** The secondary title (subject); empty when the gateway has none. */
  subject: z.string(),
  priceRange: PriceRangeSchema,
  /** The unit prices are per (件, 个, 部…). */
  unit: z.string(),
  /** 起订量 / 起批量: the smallest order the seller accepts, in `unit`s. */
  minOrderQuantity: positiveQuantity,
  /** Tiered prices, by ascending `minQuantity`; empty when the price depends on the SKU only. */
  priceTiers: z.array(PriceTierSchema).refine(ascendingTiers, {
    message: 'priceTiers must be sorted by strictly ascending minQuantity',
  }),
  mixBatch: MixBatchSchema,
  /** Total units in stock. */
  stock: quantity,
  skus: z.array(SkuSchema),
  attributes: z.array(AttributeSchema),
  images: z.array(z.string()),
  descriptionImages: z.array(z.string()),
  video: z.string().optional(),
  category: CategorySchema.optional(),
  /** Where the goods ship from ("广东省 深圳市"). */
  location: z.string().optional(),
  supplier: SupplierSchema,
  /** Units sold (the gateway's own figure and period). */
  sales: quantity.optional(),
  /** The gateway's payload, untouched. */
  raw: z.unknown(),
});
/** A validated offer, the same shape whichever gateway answered. */
export type Offer = z.infer<typeof OfferSchema>;

function ascendingTiers(tiers: readonly PriceTier[]): boolean {
  for (let i = 1; i < tiers.length; i++) {
    if ((tiers[i] as PriceTier).minQuantity <= (tiers[i - 1] as PriceTier).minQuantity) return false;
  }
  return true;
}
