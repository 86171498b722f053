/**
 * Wholesale arithmetic on an `Offer`: the unit price for a quantity, the total of an order, and
 * supplier filtering. Pure functions, integer fen throughout.
 *
 * Price rules (what 1688's two quoting modes mean for a buyer):
 * - When the offer has price tiers (按数量报价), they apply to every SKU: the unit price is the tier
 *   with the largest `minQuantity` not above the quantity. SKU prices are then ignored.
 * - Without tiers (按规格报价) each SKU has its own price: pass `skuId`. Without `skuId` the price is
 *   used only when it is unambiguous (all SKUs, or the price range, at one price).
 * - The smallest accepted quantity is `minOrderQuantity`, or the first tier's start if that is
 *   higher (below it no price is defined). Below it `InvalidRequestError` states the minimum.
 *
 * Order rules (`orderTotal`):
 * - Lines with the same `skuId` are added together first.
 * - `mixBatch.supported` (混批): the SKUs count together. The total quantity must reach the minimum,
 *   the tier is chosen on the total quantity, and when more than one SKU is mixed and the seller set
 *   mix thresholds, the order must reach at least one of them (满 `number` 件 or 满 `amount` 元).
 * - Otherwise every SKU line stands alone: it must reach the minimum itself and is priced on its
 *   own quantity.
 */
import { invalidRequest } from '../errors.js';
import { formatFen, type Money, moneyFromFen } from './money.js';
import type { Offer, PriceTier, Sku, Supplier } from './offer.js';
import { describeValue } from '../text/quote.js';

/** One line of an order: a quantity, of one SKU when the price depends on the SKU. */
export interface OrderLine {
  quantity: number;
  skuId?: string | undefined;
}

/** An order line with the unit price it got and its subtotal. */
export interface PricedLine {
  skuId: string | undefined;
  quantity: number;
  unitPrice: Money;
  subtotal: Money;
}

/** The order's total (`text`, `fen`) with the total quantity and the priced lines. */
export interface OrderTotal extends Money {
  quantity: number;
  lines: PricedLine[];
}

/** What `meetsSupplierCriteria` checks: minimum trust years and credit level, and verification. */
export interface SupplierCriteria {
  minTrustYears?: number | undefined;
  minCreditLevel?: number | undefined;
  verifiedOnly?: boolean | undefined;
}

/** The unit price of `quantity` units (of `skuId`, when the price depends on the SKU). */
export function unitPriceFor(offer: Offer, quantity: number, skuId?: string): Money {
  assertQuantity(quantity, 'quantity');
  const sku = skuId === undefined ? undefined : findSku(offer, skuId);
  assertMinimum(offer, quantity, 'quantity');
  return priceAt(offer, quantity, sku);
}

/** The total of an order of one offer, by the order rules above. */
export function orderTotal(offer: Offer, lines: readonly OrderLine[]): OrderTotal {
  const merged = mergeLines(offer, lines);
  let quantity = 0;
  for (const line of merged) quantity = safeAdd(quantity, line.quantity, 'total quantity');
  const mixed = offer.mixBatch.supported;
  if (mixed) assertMinimum(offer, quantity, 'total quantity');
  const priced: PricedLine[] = merged.map(({ sku, quantity: lineQuantity }) => {
    if (!mixed) assertMinimum(offer, lineQuantity, `quantity of ${describeLine(sku)}`);
    const unitPrice = priceAt(offer, mixed ? quantity : lineQuantity, sku);
    const subtotal = safeMultiply(unitPrice.fen, lineQuantity);
    return { skuId: sku?.skuId, quantity: lineQuantity, unitPrice, subtotal: moneyFromFen(subtotal) };
  });
  let fen = 0;
  for (const line of priced) fen = safeAdd(fen, line.subtotal.fen, 'order total');
  if (mixed && merged.length > 1) assertMixThresholds(offer, quantity, fen);
  return { ...moneyFromFen(fen), quantity, lines: priced };
}

/**
 * Whether a supplier meets every given criterion. A criterion the supplier's data cannot answer
 * (trust years unknown, say) counts as not met: an unknown supplier is not a vetted one.
 */
export function meetsSupplierCriteria(supplier: Supplier, criteria: SupplierCriteria = {}): boolean {
  const { minTrustYears, minCreditLevel, verifiedOnly } = criteria;
  if (minTrustYears !== undefined && !(supplier.trustYears !== undefined && supplier.trustYears >= minTrustYears)) {
    return false;
  }
  if (minCreditLevel !== undefined && !(supplier.creditLevel !== undefined && supplier.creditLevel >= minCreditLevel)) {
    return false;
  }
  if (verifiedOnly === true && supplier.verified !== true) return false;
  return true;
}

/** The smallest quantity that has a price: the MOQ, or the first tier's start when that is higher. */
export function minimumQuantity(offer: Offer): number {
  const firstTier = offer.priceTiers[0];
  return firstTier === undefined ? offer.minOrderQuantity : Math.max(offer.minOrderQuantity, firstTier.minQuantity);
}

/** The quantity tier that prices `quantity`: the last one starting at or below it (none below the first). */
export function tierFor(offer: Offer, quantity: number): PriceTier | undefined {
  let found: PriceTier | undefined;
  for (const tier of offer.priceTiers) {
    if (tier.minQuantity > quantity) break;
    found = tier;
  }
  return found;
}

function priceAt(offer: Offer, quantity: number, sku: Sku | undefined): Money {
  const tiers = offer.priceTiers;
  if (tiers.length > 0) return (tierFor(offer, quantity) ?? (tiers[0] as PriceTier)).unitPrice;
  if (sku !== undefined) return sku.price;
  return singlePrice(offer);
}

// Without tiers and without a SKU, a price is only defined when there is just one.
function singlePrice(offer: Offer): Money {
  const prices =
    offer.skus.length > 0 ? offer.skus.map((sku) => sku.price) : [offer.priceRange.min, offer.priceRange.max];
  let low = prices[0] as Money;
  let high = low;
  for (const price of prices) {
    if (price.fen < low.fen) low = price;
    if (price.fen > high.fen) high = price;
  }
  if (low.fen !== high.fen) {
    throw invalidRequest(
      `offer ${offer.id} is priced by SKU (${low.text}–${high.text} yuan) and has no price tiers: pass a skuId`,
    );
  }
  return low;
}

function findSku(offer: Offer, skuId: string): Sku {
  const sku = offer.skus.find((candidate) => candidate.skuId === skuId);
  if (sku === undefined) {
    const known =
      offer.skus.length === 0 ? 'it has no SKUs' : `its SKUs are ${offer.skus.map((s) => s.skuId).join(', ')}`;
    throw invalidRequest(`offer ${offer.id} has no SKU ${describeValue(skuId)} (${known})`);
  }
  return sku;
}

function mergeLines(offer: Offer, lines: readonly OrderLine[]): { sku: Sku | undefined; quantity: number }[] {
  if (!Array.isArray(lines) || lines.length === 0) throw invalidRequest('an order needs at least one line');
  const bySku = new Map<string | undefined, { sku: Sku | undefined; quantity: number }>();
  lines.forEach((line, index) => {
    assertQuantity(line?.quantity, `lines[${index}].quantity`);
    const sku = line.skuId === undefined ? undefined : findSku(offer, line.skuId);
    const entry = bySku.get(line.skuId);
    if (entry === undefined) bySku.set(line.skuId, { sku, quantity: line.quantity });
    else entry.quantity = safeAdd(entry.quantity, line.quantity, `quantity of ${describeLine(sku)}`);
  });
  return [...bySku.values()];
}

function assertMixThresholds(offer: Offer, quantity: number, fen: number): void {
  const { amount, number } = offer.mixBatch;
  if (amount === undefined && number === undefined) return;
  if (number !== undefined && quantity >= number) return;
  if (amount !== undefined && fen >= amount.fen) return;
  const needs = [
    number === undefined ? '' : `${number} ${offer.unit}`,
    amount === undefined ? '' : `${amount.text} yuan`,
  ]
    .filter(Boolean)
    .join(' or ');
  throw invalidRequest(
    `a mixed batch of offer ${offer.id} needs at least ${needs}; this order has ${quantity} ${offer.unit} for ${formatFen(fen)} yuan`,
  );
}

function assertMinimum(offer: Offer, quantity: number, what: string): void {
  const minimum = minimumQuantity(offer);
  if (quantity < minimum) {
    throw invalidRequest(
      `${what} ${quantity} is below the minimum order quantity of ${minimum} ${offer.unit} for offer ${offer.id}`,
    );
  }
}

function assertQuantity(quantity: unknown, what: string): asserts quantity is number {
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
    throw invalidRequest(`${what} must be a whole number of at least 1, got ${describeValue(quantity)}`);
  }
}

function describeLine(sku: Sku | undefined): string {
  return sku === undefined ? 'the line without skuId' : `SKU ${sku.skuId}`;
}

function safeAdd(a: number, b: number, what: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw invalidRequest(`${what} is too large to compute exactly`);
  return sum;
}

function safeMultiply(fen: number, quantity: number): number {
  const product = fen * quantity;
  if (!Number.isSafeInteger(product)) throw invalidRequest('a line subtotal is too large to compute exactly');
  return product;
}
