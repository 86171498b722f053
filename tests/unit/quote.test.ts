import fc from 'fast-check';
import { className, describeValue, quote, QUOTE_LIMIT } from '../../src/text/quote';

describe('quote', () => {
  it('quotes short text whole, as JSON, so control characters and lone surrogates show as escapes', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote('a\u001b[31mb\n"c"')).toBe('"a\\u001b[31mb\\n\\"c\\""');
    expect(quote('x\uD800')).toBe('"x\\ud800"');
    expect(quote('x'.repeat(QUOTE_LIMIT))).toBe(`"${'x'.repeat(200)}"`);
  });

  it('shows at most 200 units of a long text and says how long it was', () => {
    const text = 'y'.repeat(10 * 1024 * 1024);
    expect(quote(text)).toBe(`"${'y'.repeat(200)}…" (10485760 characters)`);
    expect(quote('abcdef', 3)).toBe('"abc…" (6 characters)');
  });

  it('never cuts a surrogate pair in half', () => {
    // 199 units, then an emoji (2 units) across the limit: the emoji is left out whole.
    const text = `${'a'.repeat(199)}😀${'b'.repeat(10)}`;
    expect(quote(text)).toBe(`"${'a'.repeat(199)}…" (211 characters)`);
  });

  it('is bounded for any input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '"', '\n', '\u001b', '批', '😀', '\uD800', '\uDC00'), maxLength: 300 }),
        fc.integer({ min: 1, max: 250 }),
        (text, limit) => {
          const quoted = quote(text, limit);
          const shown = JSON.parse(quoted.replace(/ \(\d+ characters\)$/, '')) as string;
          expect(shown.replace(/…$/, '').length).toBeLessThanOrEqual(limit);
          expect(text.startsWith(shown.replace(/…$/, ''))).toBe(true);
          // JSON.stringify escapes lone surrogates, so the message itself is always well-formed.
          expect(/\p{Surrogate}/u.test(quoted)).toBe(false);
        },
      ),
      { numRuns: 1_000, seed: 1688 },
    );
  });
});

describe('describeValue', () => {
  it.each([
    ['a string', 'x', '"x"'],
    ['a number', 1.5, '1.5'],
    ['NaN', Number.NaN, 'NaN'],
    ['a boolean', false, 'false'],
    ['undefined', undefined, 'undefined'],
    ['a bigint', 12n, '12n'],
    ['a named function', function load() {}, 'function load'],
    [
      'an anonymous function',
      (
        () => () =>
          1
      )(),
      'an anonymous function',
    ],
    ['a symbol', Symbol('k'), 'Symbol(k)'],
    ['a symbol without description', Symbol(), 'Symbol()'],
    ['null', null, 'null'],
    ['an array', [1], 'array'],
    ['a Map', new Map(), 'Map'],
    ['a null-prototype object', Object.create(null) as object, 'object'],
  ])('shows %s', (_what, value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('bounds bigints, symbol descriptions and function names too', () => {
    expect(describeValue(10n ** 400n).length).toBeLessThan(240);
    expect(describeValue(Symbol('s'.repeat(5_000))).length).toBeLessThan(240);
  });

  it('survives a constructor getter that throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(className(hostile)).toBe('object');
  });
});
