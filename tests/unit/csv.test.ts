import fc from 'fast-check';
import {
  CSV_BOM,
  csvRow,
  offerCsvHeader,
  offerCsvRow,
  offersToCsv,
  parseMoney,
  shopItemCsvRow,
  skusToCsv,
  type Offer,
} from '../../src/index';
import { parseCsv } from '../support/parse-csv';
import { perSkuOffer, seedOffer } from '../support/seed-offer';

const awkward = ['纯棉短袖, 批发', 'say "你好"', 'line1\nline2', 'cr\ronly', '=1+1', ' spaced ', ''];

describe('csvRow', () => {
  it('quotes fields with comma, quote, CR or LF, doubles quotes and ends with CRLF', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'x\ny', 'x\ry', 1, true, null, undefined, '纯棉'])).toBe(
      'a,"b,c","say ""hi""","x\ny","x\ry",1,true,,,纯棉\r\n',
    );
  });

  it('round-trips awkward fields through an RFC 4180 reader, a formula as text', () => {
    const safe = awkward.map((field) => (field === '=1+1' ? "'=1+1" : field));
    expect(parseCsv(csvRow(awkward))).toEqual([safe]);
    expect(parseCsv(csvRow(awkward, { escapeFormulas: false }))).toEqual([awkward]);
  });
});

describe('formulas in text cells', () => {
  const formulas = [
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    '-1+2',
    '@SUM(A1:A9)',
    '\tcmd',
    '\rcmd',
    '=1',
  ];

  it("gives each text cell a spreadsheet would run a leading ' (OWASP), quoting where needed", () => {
    expect(csvRow(['=1+1', '@x', '-x'])).toBe("'=1+1,'@x,'-x\r\n");
    expect(parseCsv(csvRow(formulas))).toEqual([formulas.map((field) => `'${field}`)]);
    expect(csvRow(['=HYPERLINK("http://x","y")'])).toBe(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
  });

  it('leaves numbers, plain decimal text and formula characters further in alone', () => {
    expect(csvRow([-5, -1.5, '-5', '+3.5', '-.5', '19.00', 'a=b', ' =1', '中=1'])).toBe(
      '-5,-1.5,-5,+3.5,-.5,19.00,a=b, =1,中=1\r\n',
    );
  });

  it('writes every cell verbatim with escapeFormulas: false', () => {
    expect(csvRow(['=1+1', '@x'], { escapeFormulas: false })).toBe('=1+1,@x\r\n');
  });

  it('never lets a text cell start a formula, whatever the text', () => {
    const unit = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '1', '.', 'a', '中');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (fields) => {
        const [row] = parseCsv(csvRow(fields));
        row!.forEach((cell, i) => {
          if (/^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cell)) throw new Error(`live: ${cell}`);
          // Nothing but the leading quote is added.
          expect(cell === fields[i] || cell === `'${fields[i]}`).toBe(true);
        });
      }),
      { seed: 1688, numRuns: 500 },
    );
  });

  it('neutralises the seller text of the offer, SKU and shop-item CSVs: titles, names, spec names and values', () => {
    const offer = seedOffer({
      title: '=HYPERLINK("http://x","y")',
      supplier: { nick: '@nick', companyName: '+公司' },
      skus: [{ ...seedOffer().skus[0]!, attributes: { '=颜色': '-白色' } }],
    });
    const [, offerRow] = parseCsv(offersToCsv([offer]).slice(1)) as [string[], string[]];
    expect(offerRow).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://x","y")', "'@nick", "'+公司"]));
    const [skuHeader, skuRow] = parseCsv(skusToCsv(offer).slice(1)) as [string[], string[]];
    expect(skuHeader.at(-1)).toBe("'=颜色");
    expect(skuRow.at(-1)).toBe("'-白色");
    const item = {
      id: '1',
      title: '=cmd',
      price: parseMoney('1.00'),
      shopName: '@shop',
      url: 'https://detail.1688.com/offer/1.html',
      image: 'https://cbu01.alicdn.com/1.jpg',
    };
    expect(parseCsv(shopItemCsvRow(item))[0]).toEqual(['1', "'=cmd", '1.00', '', "'@shop", item.url, item.image]);
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
