import fc from 'fast-check';
import { InvalidRequestError, MoneySchema, ResponseError, formatFen, parseMoney } from '../../src/index';
import { moneyFromFen, moneyFromResponse } from '../../src/model/money';

describe('parseMoney: exact decimal yuan to fen', () => {
  it.each([
    ['799', '799.00', 79900],
    ['799.0', '799.00', 79900],
    ['799.00', '799.00', 79900],
    ['0.5', '0.50', 50],
    ['0.05', '0.05', 5],
    ['0', '0.00', 0],
    ['007.50', '7.50', 750],
    ['19.990', '19.99', 1999],
    ['90071992547409.91', '90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('reads the string %j as %s (%d fen)', (input, text, fen) => {
    expect(parseMoney(input)).toEqual({ text, fen });
  });

  it.each([
    [138, '138.00', 13800], // 138.00 in the JSON arrives as the number 138
    [19.9, '19.90', 1990],
    [0.1, '0.10', 10],
    [25, '25.00', 2500],
  ])('reads the JSON number %d as %s', (input, text, fen) => {
    expect(parseMoney(input)).toEqual({ text, fen });
  });

  it.each([
    ['', /not a non-negative decimal/],
    ['abc', /not a non-negative decimal/],
    ['-1.00', /not a non-negative decimal/],
    ['1e3', /not a non-negative decimal/],
    [' 1.00', /not a non-negative decimal/],
    ['1.', /not a non-negative decimal/],
    ['1,000.00', /not a non-negative decimal/],
    ['1.234', /fraction of a fen/],
    ['90071992547409.92', /too large/],
    [Number.NaN, /NaN is not an amount/],
    [Number.POSITIVE_INFINITY, /Infinity is not an amount/],
    [0.1 + 0.2, /fraction of a fen/], // a computed float, not a price any server sent
    [1e21, /not a non-negative decimal/],
  ])('refuses %j with InvalidRequestError', (input, reason) => {
    expect(() => parseMoney(input, 'price')).toThrow(InvalidRequestError);
    expect(() => parseMoney(input, 'price')).toThrow(reason);
    expect(() => parseMoney(input, 'price')).toThrow(/^price: /);
  });

  it('never uses floats: formatFen and parseMoney round-trip every safe fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const money = parseMoney(formatFen(fen));
        expect(money.fen).toBe(fen);
        expect(MoneySchema.parse(money)).toEqual(money);
      }),
      { numRuns: 2_000, seed: 1688 },
    );
  });
});

describe('moneyFromResponse', () => {
  it('reads server amounts like parseMoney', () => {
    expect(moneyFromResponse('25.00', 'step_price[0].price')).toEqual({ text: '25.00', fen: 2500 });
  });

  it('throws ResponseError naming the field for garbage, null and objects', () => {
    expect(() => moneyFromResponse('¥25', 'price')).toThrow(ResponseError);
    expect(() => moneyFromResponse('¥25', 'price')).toThrow(/response field price: "¥25" is not/);
    expect(() => moneyFromResponse(null, 'mix_amount')).toThrow(
      /mix_amount: expected a decimal string or number, got null/,
    );
    expect(() => moneyFromResponse({}, 'price')).toThrow(ResponseError);
  });
});

describe('formatFen and moneyFromFen', () => {
  it.each([
    [2200, '22.00'],
    [5, '0.05'],
    [50, '0.50'],
    [0, '0.00'],
    [100, '1.00'],
    [-150, '-1.50'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses fractions of a fen and unsafe integers', () => {
    expect(() => formatFen(1.5)).toThrow(InvalidRequestError);
    expect(() => formatFen(2 ** 53)).toThrow(InvalidRequestError);
    expect(() => moneyFromFen(-1)).toThrow(/non-negative safe integer/);
  });

  it('MoneySchema rejects a text that is not the fen amount or not two decimals', () => {
    expect(MoneySchema.safeParse({ text: '22.00', fen: 2200 }).success).toBe(true);
    expect(MoneySchema.safeParse({ text: '22.0', fen: 2200 }).success).toBe(false);
    expect(MoneySchema.safeParse({ text: '22.00', fen: 2201 }).success).toBe(false);
    expect(MoneySchema.safeParse({ text: '22.00', fen: 22.5 }).success).toBe(false);
  });
});
