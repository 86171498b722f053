/**
 * Get an offer and price an order with its wholesale tiers (按数量报价): the unit price falls as the
 * quantity crosses each tier, and orderTotal multiplies in integer fen, never in floats.
 *
 *   npx tsx examples/order-total.ts [itemId] [quantity]
 *
 * Default: the seed item 61234567890 (tiers 5+ at 25.00, 100+ at 22.00, 500+ at 19.00) and 200 pieces.
 */
import assert from 'node:assert/strict';
import { minimumQuantity, orderTotal, unitPriceFor } from 'open1688';
import { connect } from './gateway';

async function main(): Promise<void> {
  const itemId = process.argv[2] ?? '61234567890';
  const quantity = Number(process.argv[3] ?? 200);
  const gateway = await connect();
  try {
    console.log(`Calls go to ${gateway.description}`);
    const offer = await gateway.client.getItem(itemId);
    console.log(`${offer.title} (offer ${offer.id}), minimum order ${offer.minOrderQuantity} ${offer.unit}`);
    // Priced by SKU (no tiers): name the first SKU; with tiers every SKU costs the same.
    const skuId = offer.priceTiers.length === 0 ? offer.skus[0]?.skuId : undefined;
    offer.priceTiers.forEach((tier, index) => {
      console.log(`  from ${tier.minQuantity} ${offer.unit}: ${tier.unitPrice.text}`);
      // A tier starts exactly at its quantity: one unit less still pays the tier before.
      assert.deepEqual(unitPriceFor(offer, tier.minQuantity, skuId), tier.unitPrice);
      const before = offer.priceTiers[index - 1];
      if (before && tier.minQuantity - 1 >= minimumQuantity(offer)) {
        assert.deepEqual(unitPriceFor(offer, tier.minQuantity - 1, skuId), before.unitPrice);
      }
    });
    const unit = unitPriceFor(offer, quantity, skuId);
    const total = orderTotal(offer, [{ quantity, skuId }]);
    console.log(`${quantity} ${offer.unit} at ${unit.text} each = ${total.text} yuan`);

    assert.ok(total.fen > 0, 'the total is positive');
    assert.equal(total.fen, unit.fen * quantity, 'total = unit price × quantity');
    assert.equal(total.quantity, quantity);
    if (gateway.sandbox && itemId === '61234567890' && quantity === 200) {
      // The seed's own numbers: 200 pieces fall in the 100+ tier.
      assert.equal(unit.text, '22.00');
      assert.equal(total.text, '4400.00');
    }
  } finally {
    await gateway.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
