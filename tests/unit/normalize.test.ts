import { InvalidRequestError, normalizeParams } from '../../src/index';
import { normalizeValue } from '../../src/signing/normalize';

/** The message of the InvalidRequestError that `attempt` throws (fails the test on anything else). */
function refusal(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return (error as Error).message;
  }
  throw new Error('expected an InvalidRequestError, nothing was thrown');
}

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

  it('writes every Date in Beijing time, nested or not (JSON.stringify would write UTC ISO text)', () => {
    const at = new Date('2026-01-01T00:30:00Z');
    expect(normalizeParams({ at, list: [at], obj: { at, deeper: [{ at }] } })).toEqual({
      at: '2026-01-01 08:30:00',
      list: '["2026-01-01 08:30:00"]',
      obj: '{"at":"2026-01-01 08:30:00","deeper":[{"at":"2026-01-01 08:30:00"}]}',
    });
  });

  it('keeps JSON semantics for nested undefined and for the same object met twice (no cycle)', () => {
    const shared = { id: 1 };
    expect(normalizeParams({ o: { a: undefined, b: 1 }, l: [undefined, 2], twice: [shared, shared] })).toEqual({
      o: '{"b":1}',
      l: '[null,2]',
      twice: '[{"id":1},{"id":1}]',
    });
  });

  it('accepts the largest safe integers and refuses the first unsafe ones, nested or not', () => {
    expect(normalizeParams({ max: Number.MAX_SAFE_INTEGER, min: -Number.MAX_SAFE_INTEGER, l: [2 ** 53 - 1] })).toEqual({
      max: '9007199254740991',
      min: '-9007199254740991',
      l: '[9007199254740991]',
    });
    expect(refusal(() => normalizeParams({ n: 2 ** 53 }))).toMatch(/^params\.n is 9007199254740992, beyond/);
    expect(refusal(() => normalizeParams({ n: -(2 ** 53) }))).toMatch(/^params\.n is -9007199254740992, beyond/);
    expect(refusal(() => normalizeParams({ sku: [{ id: 2 ** 60 }] }))).toMatch(
      /^params\.sku\[0\]\.id is 1152921504606847000/,
    );
  });

  it('refuses an id beyond 2^53 instead of signing and sending it rounded, and says what to pass', () => {
    // eslint-disable-next-line no-loss-of-precision -- the point of the test
    const message = refusal(() => normalizeParams({ item_id: 610947572360123456 }));
    expect(message).toMatch(/^params\.item_id is 610947572360123400, beyond Number\.MAX_SAFE_INTEGER/);
    expect(message).toMatch(/Pass it as a string or a bigint$/);
  });

  it.each([
    ['a function', () => 1, /^params\.bad is a function \(an anonymous function\), which cannot be sent$/],
    ['a named function', function cb() {}, /^params\.bad is a function \(function cb\)/],
    ['a symbol', Symbol('x'), /^params\.bad is a symbol \(Symbol\(x\)\), which cannot be sent$/],
    ['NaN', Number.NaN, /^params\.bad is NaN, which cannot be sent$/],
    ['Infinity', Number.POSITIVE_INFINITY, /^params\.bad is Infinity, which cannot be sent$/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /^params\.bad is -Infinity, which cannot be sent$/],
    ['an invalid date', new Date('not a date'), /^params\.bad is an invalid Date$/],
    ['a Map', new Map([['a', 1]]), /^params\.bad is a Map; only arrays and plain objects are sent as JSON$/],
    ['a Set', new Set([1]), /^params\.bad is a Set; only arrays and plain objects/],
    ['a class instance', new (class Sku {})(), /^params\.bad is a Sku; only arrays and plain objects/],
    ['a boxed string', Object('x') as object, /^params\.bad is a String; only arrays and plain objects/],
    ['a typed array', new Uint8Array(2), /^params\.bad is a Uint8Array; only arrays and plain objects/],
    [
      'a lone surrogate',
      'x\uD800y',
      /^params\.bad contains a lone UTF-16 surrogate, which has no UTF-8 form: "x\\ud800y"$/,
    ],
  ])('refuses %s at the top level, naming the key', (_what, value, message) => {
    expect(refusal(() => normalizeParams({ good: 'ok', bad: value }))).toMatch(message);
  });

  it.each([
    ['NaN', { sku: [{}, {}, { price: Number.NaN }] }, /^params\.sku\[2\]\.price is NaN, which JSON cannot carry/],
    ['Infinity', { a: [Number.POSITIVE_INFINITY] }, /^params\.a\[0\] is Infinity, which JSON cannot carry/],
    ['a function', { a: { b: () => 1 } }, /^params\.a\.b is a function \(function b\), which JSON cannot carry$/],
    ['a function in an array', { a: [0, Math.max] }, /^params\.a\[1\] is a function \(function max\)/],
    ['a symbol', { a: { s: Symbol('t') } }, /^params\.a\.s is a symbol \(Symbol\(t\)\), which JSON cannot carry$/],
    ['a Map', { a: [new Map()] }, /^params\.a\[0\] is a Map; only arrays and plain objects are sent as JSON$/],
    ['a Set', { a: { s: new Set() } }, /^params\.a\.s is a Set; only arrays/],
    ['a class instance', { a: [new (class Price {})()] }, /^params\.a\[0\] is a Price; only arrays/],
    [
      'a bigint',
      { a: { id: 12n } },
      /^params\.a\.id is a bigint \(12n\), which JSON cannot carry: pass it as a string/,
    ],
    ['an invalid Date', { a: [new Date('x')] }, /^params\.a\[0\] is an invalid Date$/],
    ['an odd key', { a: { 'item-id': Number.NaN } }, /^params\.a\["item-id"\] is NaN/],
  ])('refuses a nested %s with its path', (_what, params, message) => {
    expect(refusal(() => normalizeParams(params))).toMatch(message);
  });

  it('refuses a cycle, naming where it closes and what it refers back to', () => {
    const inner: Record<string, unknown> = {};
    const outer = { x: { y: inner } };
    inner.z = outer.x;
    expect(refusal(() => normalizeParams({ a: outer }))).toBe(
      'params.a.x.y.z refers back to params.a.x: a cycle cannot be written as JSON',
    );
    const list: unknown[] = [];
    list.push(list);
    expect(refusal(() => normalizeParams({ list }))).toBe(
      'params.list[0] refers back to params.list: a cycle cannot be written as JSON',
    );
  });

  it('refuses nesting deeper than 100 levels with our message, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i++) deep = [deep];
    const message = refusal(() => normalizeParams({ deep }));
    expect(message).toMatch(/^params\.deep….* is nested more than 100 levels deep$/);
    expect(message.length).toBeLessThan(300);
  });

  it('refuses params that are not a plain object: a Map, Set or Date would send nothing', () => {
    expect(refusal(() => normalizeParams(new Map([['a', 1]]) as never))).toBe(
      'params must be a plain object of key/value pairs, got Map',
    );
    expect(refusal(() => normalizeParams(new Set() as never))).toMatch(/got Set$/);
    expect(refusal(() => normalizeParams(new Date() as never))).toMatch(/got Date$/);
    expect(refusal(() => normalizeParams(['a'] as never))).toMatch(/got array$/);
    expect(refusal(() => normalizeParams(new (class Query {})() as never))).toMatch(/got Query$/);
    expect(refusal(() => normalizeParams(Object.create({ inherited: 1 }) as never))).toMatch(
      /got an object whose prototype is not Object\.prototype$/,
    );
    expect(refusal(() => normalizeParams(null as never))).toMatch(/got null$/);
    expect(refusal(() => normalizeParams('a=1' as never))).toMatch(/got string$/);
  });

  it('accepts a null-prototype object (what querystring.parse gives)', () => {
    const params = Object.assign(Object.create(null) as Record<string, unknown>, { a: '1', b: 2 });
    expect(normalizeParams(params)).toEqual({ a: '1', b: '2' });
  });

  it('refuses parameter names that cannot be sent', () => {
    expect(refusal(() => normalizeParams({ '': 'x' }))).toBe('a parameter has an empty name');
    expect(refusal(() => normalizeParams({ 'a\uDC00': 'x' }))).toBe(
      'the parameter name "a\\udc00" contains a lone UTF-16 surrogate, which has no UTF-8 form',
    );
  });

  it('accepts paired surrogates (emoji) unchanged, and lone ones inside JSON as JSON escapes', () => {
    expect(normalizeParams({ q: 'T恤👕', o: { s: 'x\uD800' } })).toEqual({ q: 'T恤👕', o: '{"s":"x\\ud800"}' });
  });

  it('normalizeValue applies the same rules to one value', () => {
    expect(normalizeValue('n', 42)).toBe('42');
    expect(normalizeValue('u', undefined)).toBeUndefined();
    expect(refusal(() => normalizeValue('sku', [{ price: Number.NaN }]))).toMatch(/^params\.sku\[0\]\.price is NaN/);
  });
});

describe('normalizeParams error messages stay bounded and keep credentials out', () => {
  const MiB = 1024 * 1024;

  it('quotes at most 200 characters of a 10 MiB value', () => {
    const message = refusal(() => normalizeParams({ q: `${'a'.repeat(10 * MiB)}\uD800` }));
    expect(message.length).toBeLessThan(400);
    expect(message).toContain(`"${'a'.repeat(200)}…" (10485761 characters)`);
  });

  it('bounds a 10 MiB parameter name, at the top level and nested', () => {
    const name = 'k'.repeat(10 * MiB);
    expect(refusal(() => normalizeParams({ [name]: Number.NaN })).length).toBeLessThan(200);
    expect(refusal(() => normalizeParams({ a: { [name]: Symbol(name) } })).length).toBeLessThan(600);
  });

  it('bounds a deep path, keeping the parameter and the innermost steps', () => {
    let deep: unknown = Number.NaN;
    for (let i = 0; i < 45; i++) deep = { [`level${i}`]: [deep] };
    const message = refusal(() => normalizeParams({ deep }));
    expect(message).toMatch(/^params\.deep….*\.level1\[0\]\.level0\[0\] is NaN/);
    expect(message.length).toBeLessThan(320);
  });

  it.each(['session', 'access_token', 'sign', 'Access_Token'])('never quotes the value of %s', (key) => {
    const secret = 'sEcReT-v4lue-\uD800';
    const message = refusal(() => normalizeParams({ [key]: secret }));
    expect(message).toBe(`params.${key} contains a lone UTF-16 surrogate, which has no UTF-8 form: [redacted]`);
    expect(message).not.toContain('sEcReT');
    expect(refusal(() => normalizeParams({ [key]: { nested: 12345678901234567890n } }))).not.toContain('1234567890');
  });
});
