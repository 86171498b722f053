import { CSV_BOM, csvRow, offerCsvHeader, offerCsvRow, offersToCsv, skusToCsv, type Offer } from '../../src/index';
import { parseCsv } from '../support/parse-csv';
import { perSkuOffer, seedOffer } from '../support/seed-offer';

const awkward = ['纯棉短袖, 批发', 'say "你好"', 'line1\nline2', 'cr\ronly', '=1+1', ' spaced ', ''];

describe('csvRow', () => {
  it('quotes fields with comma, quote, CR or LF, doubles quotes and ends with CRLF', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'x\ny', 'x\ry', 1, true, null, undefined, '纯棉'])).toBe(
      'a,"b,c","say ""hi""","x\ny","x\ry",1,true,,,纯棉\r\n',
    );
  });

  it('round-trips awkward fields through an RFC 4180 reader', () => {
    expect(parseCsv(csvRow(awkward))).toEqual([awkward]);
  });
});

describe('offersToCsv', () => {
  const tricky: Offer = seedOffer({ id: '2', title: awkward.slice(0, 3).join(' | '), location: '广东省 深圳市' });
  const csv = offersToCsv([seedOffer(), tricky]);

  it('starts with the UTF-8 BOM, once', () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.split(CSV_BOM)).toHaveLength(2);
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends every row with CRLF and reads back field for field', () => {
    const rows = parseCsv(csv.slice(CSV_BOM.length));
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[0]).toBe('offerId');
    expect(rows.every((row) => row.length === rows[0]?.length)).toBe(true);
    const [, first, second] = rows as [string[], string[], string[]];
    const column = (name: string) => (rows[0] as string[]).indexOf(name);
    expect(first[column('title')]).toBe('2024新款夏季T恤 纯棉短袖 批发定制');
    expect(first[column('priceTiers')]).toBe('5:25.00;100:22.00;500:19.00');
    expect(first[column('priceMin')]).toBe('19.00');
    expect(first[column('companyName')]).toBe('XX服装有限公司');
    expect(first[column('mixBatch')]).toBe('no');
    expect(second[column('title')]).toBe('纯棉短袖, 批发 | say "你好" | line1\nline2');
  });

  it('is the header followed by one appended row per offer (for crawlers writing as they go)', () => {
    expect(offerCsvHeader() + offerCsvRow(seedOffer()) + offerCsvRow(tricky)).toBe(csv);
    expect(offerCsvHeader({ bom: false }).startsWith(CSV_BOM)).toBe(false);
  });

  it('writes a header-only file for no offers', () => {
    expect(parseCsv(offersToCsv([]).slice(1))).toHaveLength(1);
  });
});

describe('skusToCsv', () => {
  it('gives each spec name a column of its own', () => {
    const csv = skusToCsv(seedOffer());
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['offerId', 'skuId', 'specId', 'price', 'stock', 'sold', '颜色', '尺码'],
      ['61234567890', '123456789', '', '25.00', '3000', '', '白色', 'M'],
    ]);
  });

  it('leaves a spec cell empty for a SKU that lacks that spec', () => {
    const offer = perSkuOffer(['1.00', '2.00']);
    const skus = [offer.skus[0]!, { ...offer.skus[1]!, attributes: { 尺码: 'L, 大码' } }];
    const rows = parseCsv(skusToCsv({ ...offer, skus }).slice(1));
    expect(rows[0]?.slice(6)).toEqual(['颜色', '尺码']);
    expect(rows.slice(1).map((row) => row.slice(6))).toEqual([
      ['色1', ''],
      ['', 'L, 大码'],
    ]);
  });
});
