import { InvalidRequestError, normalizeParams } from '../../src/index';

describe('normalizeParams', () => {
  it('applies the value rules of the signing contract', () => {
    expect(
      normalizeParams({
        s: 'text',
        n: 1.5,
        neg: -0,
        big: 2n ** 64n,
        t: true,
        f: false,
        d: new Date('2026-12-31T16:00:00Z'),
        a: [1, { b: 'c' }],
        o: { k: [true] },
      }),
    ).toEqual({
      s: 'text',
      n: '1.5',
      neg: '0',
      big: '18446744073709551616',
      t: 'true',
      f: 'false',
      d: '2027-01-01 00:00:00',
      a: '[1,{"b":"c"}]',
      o: '{"k":[true]}',
    });
  });

  it('drops undefined, null and empty strings but keeps whitespace and "0"', () => {
    expect(normalizeParams({ u: undefined, n: null, e: '', sp: ' ', z: '0', zero: 0 })).toEqual({
      sp: ' ',
      z: '0',
      zero: '0',
    });
  });

  it('keeps 64-bit ids given as strings or bigints exact', () => {
    expect(normalizeParams({ id: '9007199254740993', big: 9007199254740993n })).toEqual({
      id: '9007199254740993',
      big: '9007199254740993',
    });
  });

  it.each([
    ['a function', () => 1, /"bad" is a function/],
    ['a symbol', Symbol('x'), /"bad" is a symbol/],
    ['NaN', Number.NaN, /"bad" is NaN/],
    ['Infinity', Number.POSITIVE_INFINITY, /"bad" is Infinity/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /"bad" is -Infinity/],
    ['an invalid date', new Date('not a date'), /"bad" is an invalid Date/],
    ['a Map', new Map([['a', 1]]), /"bad" is a Map; only arrays and plain objects/],
    ['a nested bigint', { id: 1n }, /"bad" cannot be written as JSON/],
    ['a lone surrogate', 'x\uD800y', /"bad" contains a lone UTF-16 surrogate/],
  ])('rejects %s naming the key', (_what, value, message) => {
    const attempt = () => normalizeParams({ good: 'ok', bad: value });
    expect(attempt).toThrow(InvalidRequestError);
    expect(attempt).toThrow(message);
  });

  it('rejects a circular object naming the key', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => normalizeParams({ loop })).toThrow(/"loop" cannot be written as JSON/);
  });

  it('rejects input that is not a plain object of params', () => {
    expect(() => normalizeParams(null as never)).toThrow(InvalidRequestError);
    expect(() => normalizeParams(['a'] as never)).toThrow(/got array/);
  });

  it('accepts paired surrogates (emoji) unchanged', () => {
    expect(normalizeParams({ q: 'T恤👕' })).toEqual({ q: 'T恤👕' });
  });
});
