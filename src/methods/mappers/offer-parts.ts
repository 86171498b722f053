/**
 * The parts of an `Offer` that every dialect computes the same way: sorted price tiers, the price
 * range, the minimum order quantity, the mixed-batch rule. Kept in one place so that the three mappers cannot drift apart.
 */
import type { Money } from '../../model/money.js';
import type { MixBatch, PriceRange, PriceTier, Sku } from '../../model/offer.js';

export interface RawTier {
  quantity: number;
  price: Money;
}

/**
 * Tiers by ascending quantity. A tier "from 0" means from the first unit. Two tiers from the same
 * quantity would make the price of that quantity ambiguous: `problem` says so, and the caller turns
 * it into a ResponseError naming the field.
 */
export function sortTiers(raw: readonly RawTier[]): { tiers: PriceTier[] } | { problem: string } {
  const tiers = raw
    .map((tier) => ({ minQuantity: Math.max(1, tier.quantity), unitPrice: tier.price }))
    .sort((a, b) => a.minQuantity - b.minQuantity);
  for (let i = 1; i < tiers.length; i++) {
    const previous = tiers[i - 1] as PriceTier;
    const current = tiers[i] as PriceTier;
    if (previous.minQuantity === current.minQuantity) {
      if (previous.unitPrice.fen !== current.unitPrice.fen) {
        return { problem: `two price tiers start at quantity ${current.minQuantity} with different prices` };
      }
      tiers.splice(i, 1);
      i--;
    }
  }
  return { tiers };
}

/**
 * Lowest and highest unit price a buyer can pay: over the tiers when there are tiers (they apply to
 * every SKU), otherwise over the SKUs, otherwise the item's one price.
 */
export function priceRangeOf(tiers: readonly PriceTier[], skus: readonly Sku[], price: Money): PriceRange {
  const prices =
    tiers.length > 0 ? tiers.map((tier) => tier.unitPrice) : skus.length > 0 ? skus.map((sku) => sku.price) : [price];
  let min = prices[0] as Money;
  let max = min;
  for (const candidate of prices) {
    if (candidate.fen < min.fen) min = candidate;
    if (candidate.fen > max.fen) max = candidate;
  }
  return { min, max };
}

/** 起订量: a seller who states none (or 0) sells from one unit. */
export function minOrderQuantityOf(value: number | undefined): number {
  return value === undefined || value < 1 ? 1 : value;
}

/** 混批: the seller's thresholds are kept only when stated (a missing or 0 unit count says nothing). */
export function mixBatchOf(
  supported: boolean | null | undefined,
  amount: Money | null | undefined,
  units: number | undefined,
): MixBatch {
  return {
    supported: supported ?? false,
    ...(amount == null ? {} : { amount }),
    ...(units === undefined || units < 1 ? {} : { number: units }),
  };
}
