import fc from 'fast-check';
import { parseJsonExact, quoteLongIntegers } from '../../src/transport/json';

describe('parseJsonExact keeps 64-bit integers exact', () => {
  it('turns integers longer than 15 digits into strings with every digit', () => {
    const text = '{"num_iid":610947572360123456,"sku":[9007199254740993,-9223372036854775808],"n":123456789012345}';
    expect(parseJsonExact(text)).toEqual({
      num_iid: '610947572360123456',
      sku: ['9007199254740993', '-9223372036854775808'],
      n: 123456789012345,
    });
  });

  it('leaves digit runs inside strings untouched, escaped quotes included', () => {
    const text = '{"a":"x 12345678901234567890 y","b":"\\" 12345678901234567890 \\"","c":12345678901234567890}';
    expect(parseJsonExact(text)).toEqual({
      a: 'x 12345678901234567890 y',
      b: '" 12345678901234567890 "',
      c: '12345678901234567890',
    });
  });

  it('leaves long fractions and exponents as numbers', () => {
    expect(parseJsonExact('[0.12345678901234567890, 1234567890123456.5, 1e1234567890123456, 3]')).toEqual([
      0.12345678901234568,
      1234567890123456.5,
      Infinity,
      3,
    ]);
  });

  it('handles a backslash before a closing quote', () => {
    expect(parseJsonExact('{"p":"C:\\\\","id":11111111111111111111}')).toEqual({
      p: 'C:\\',
      id: '11111111111111111111',
    });
  });

  it('throws SyntaxError on bad JSON like JSON.parse', () => {
    expect(() => parseJsonExact('<html>12345678901234567</html>')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"a":1')).toThrow(SyntaxError);
  });

  it('returns the same text when nothing needs quoting', () => {
    const text = '{"a":"12345678901234567"}';
    expect(quoteLongIntegers(text)).toBe(text);
  });

  it('property: any bigint in any position survives, strings never change', () => {
    const big = fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n });
    const str = fc.string({ unit: 'grapheme' });
    fc.assert(
      fc.property(fc.array(fc.tuple(big, str), { maxLength: 8 }), (pairs) => {
        const text = `[${pairs.map(([n, s]) => `{"id":${n},"s":${JSON.stringify(s)},"t":${JSON.stringify(String(n))}}`).join(',')}]`;
        const parsed = parseJsonExact(text) as Array<{ id: unknown; s: string; t: string }>;
        pairs.forEach(([n, s], i) => {
          const row = parsed[i]!;
          const digits = String(n).replace('-', '').length;
          expect(row.id).toEqual(digits > 15 ? String(n) : Number(n));
          expect(row.s).toBe(s);
          expect(row.t).toBe(String(n));
        });
      }),
    );
  });
});

describe('the optimistic fast path', () => {
  it('never quotes a value-like run inside a string', () => {
    const text = '{"s":"a,1234567890123456,b","t":"[1234567890123456]","id":1234567890123456789}';
    expect(parseJsonExact(text)).toEqual({
      s: 'a,1234567890123456,b',
      t: '[1234567890123456]',
      id: '1234567890123456789',
    });
  });

  it('handles whitespace around values and top-level arrays', () => {
    expect(parseJsonExact('[ 12345678901234567 ,\n\t-12345678901234567 ]')).toEqual([
      '12345678901234567',
      '-12345678901234567',
    ]);
  });

  it('still reports genuinely bad JSON as SyntaxError', () => {
    expect(() => parseJsonExact('{"id":12345678901234567,}')).toThrow(SyntaxError);
  });

  it('property: random objects with big ids inside and outside strings parse exactly', () => {
    const big = fc.bigInt({ min: 10n ** 15n, max: 2n ** 64n });
    const sep = fc.constantFrom(',', ':', '[', ']', ' ', '}', '{', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(big, sep, sep), { minLength: 1, maxLength: 6 }), (parts) => {
        const inString = parts.map(([n, a, b]) => `${a}${n}${b}`).join('');
        const text = `{"s":${JSON.stringify(inString)},"ids":[${parts.map(([n]) => n).join(', ')}]}`;
        expect(parseJsonExact(text)).toEqual({ s: inString, ids: parts.map(([n]) => String(n)) });
      }),
    );
  });
});
