/**
 * Keep only offers from suppliers you would buy from: at least N years of 诚信通 membership and a
 * credit level of at least M. A supplier whose data does not say counts as not vetted.
 *
 *   npx tsx examples/filter-suppliers.ts [minTrustYears] [minCreditLevel] [sellerNick]
 *
 * Default: 5 years and credit level 3, over the two seed items and the first 12 items of the
 * sandbox shop b2b-2200733087881719de (each fetched in full with getItem, within the rate limits).
 */
import assert from 'node:assert/strict';
import { meetsSupplierCriteria, type Offer, type SupplierCriteria } from 'open1688';
import { connect } from './gateway';

const SEED_ITEMS = ['610947572360', '61234567890'];

function line(offer: Offer, kept: boolean): string {
  const { trustYears, creditLevel, companyName } = offer.supplier;
  const years = trustYears === undefined ? '?' : String(trustYears);
  const credit = creditLevel === undefined ? '?' : String(creditLevel);
  return `${kept ? 'keep' : 'drop'}  ${offer.id.padEnd(13)} ${years.padStart(5)} ${credit.padStart(6)}  ${companyName ?? '(unknown)'}`;
}

function wholeNumber(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${what} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function main(): Promise<void> {
  const criteria: SupplierCriteria = {
    minTrustYears: wholeNumber(process.argv[2], 5, 'minTrustYears'),
    minCreditLevel: wholeNumber(process.argv[3], 3, 'minCreditLevel'),
  };
  const sellerNick = process.argv[4] ?? 'b2b-2200733087881719de';
  const gateway = await connect();
  try {
    console.log(`Calls go to ${gateway.description}`);
    const page = await gateway.client.searchShopItems({ sellerNick, pageSize: 12 });
    const ids = [...SEED_ITEMS, ...page.items.map((item) => item.id)];
    // All at once: the client's limiter spaces the calls out (10 a second by default).
    const offers = await Promise.all(ids.map((id) => gateway.client.getItem(id)));
    const kept = offers.filter((offer) => meetsSupplierCriteria(offer.supplier, criteria));

    console.log(`Suppliers with ≥ ${criteria.minTrustYears} years and credit ≥ ${criteria.minCreditLevel}:`);
    console.log(`      offer         years credit  company`);
    for (const offer of offers) console.log(line(offer, kept.includes(offer)));
    console.log(`${kept.length} of ${offers.length} offers kept`);

    for (const offer of offers) {
      const { trustYears = -1, creditLevel = -1 } = offer.supplier;
      const qualifies = trustYears >= (criteria.minTrustYears ?? 0) && creditLevel >= (criteria.minCreditLevel ?? 0);
      assert.equal(kept.includes(offer), qualifies, `offer ${offer.id} is kept exactly when its supplier qualifies`);
    }
    if (gateway.sandbox && process.argv.length <= 2) {
      // The seeds: 610947572360's supplier gives no trust years, 61234567890's has 8 years at credit 5.
      assert.deepEqual(
        SEED_ITEMS.map((id) => kept.some((offer) => offer.id === id)),
        [false, true],
      );
      assert.ok(kept.length > 1 && kept.length < offers.length, 'the shop has suppliers on both sides');
    }
  } finally {
    await gateway.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
