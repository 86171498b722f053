/** `open1688 price <id> --quantity N [--sku ID]`: the unit price for that quantity, and the total. */
import { orderTotal, tierFor, unitPriceFor } from '../model/wholesale.js';
import { type CliIo, onePositional, parseFlags, UsageError } from './args.js';
import { CLIENT_FLAGS, clientFromFlags } from './client-flags.js';
import { positiveInteger, toJson } from './format.js';
import { yuan } from './render.js';
import { terminalLine } from './terminal-text.js';

export async function runPrice(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    ...CLIENT_FLAGS,
    quantity: { type: 'string' },
    sku: { type: 'string' },
    json: { type: 'boolean' },
  });
  const id = onePositional(positionals, 'missing the item id: open1688 price <id> --quantity N');
  const quantity = positiveInteger(values.quantity, '--quantity');
  if (quantity === undefined) throw new UsageError('missing --quantity N');
  const { client, close } = await clientFromFlags(values, io);
  try {
    const offer = await client.getItem(id);
    // unitPriceFor first: its refusals (below the minimum, unknown SKU) name the quantity plainly.
    const unitPrice = unitPriceFor(offer, quantity, values.sku);
    const total = orderTotal(offer, [{ quantity, skuId: values.sku }]);
    if (values.json) {
      io.stdout(toJson({ offerId: offer.id, skuId: values.sku, quantity, unit: offer.unit, unitPrice, total }));
      return 0;
    }
    const tier = tierFor(offer, quantity);
    const unit = terminalLine(offer.unit);
    io.stdout(`${terminalLine(offer.title)}\n`);
    io.stdout(
      `  ${quantity} ${unit}${values.sku ? ` of SKU ${values.sku}` : ''}: ${yuan(unitPrice)} a piece` +
        `${tier ? ` (tier from ${tier.minQuantity} ${unit})` : ''}\n`,
    );
    io.stdout(`  total: ${yuan(total)}\n`);
    return 0;
  } finally {
    await close();
  }
}
