/**
 * The signers' fast path (fast-canonical.ts: plain objects of strings, safe numbers and booleans,
 * read with Object.values in the cached key order, the in-place AOP pair order) must give exactly
 * what the slow path gives (every rule of normalize.ts in insertion order), and both exactly what
 * the plain rules give: normalizeParams, then the default sort. Checked over random requests whose
 * keys are often prefixes of each other, with values of every kind (good and bad), and with more
 * request shapes than the key-order cache holds.
 */
import fc from 'fast-check';
import { InvalidRequestError, canonicalAop, canonicalTop, normalizeParams, type ParamInput } from '../../src/index';
import { slowAop, slowTop, topBaseString } from '../../src/signing/canonical';
import { fastAop, fastTop } from '../../src/signing/fast-canonical';

const SEED = 1688;
const PATH = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';

function referenceTop(params: ParamInput): string {
  const normalized = normalizeParams(params);
  return Object.keys(normalized)
    .sort()
    .filter((key) => key !== 'sign')
    .map((key) => key + normalized[key])
    .join('');
}

function referenceAop(params: ParamInput): string {
  const normalized = normalizeParams(params);
  const pairs = Object.keys(normalized)
    .filter((key) => key !== '_aop_signature')
    .map((key) => key + normalized[key]);
  return PATH + pairs.sort().join('');
}

/** The string, or the message of the InvalidRequestError (anything else fails the test). */
function outcome(build: () => string): string {
  try {
    return `ok: ${build()}`;
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    return `refused: ${error.message}`;
  }
}

// Few letters, so that `a`/`ab`/`abc` prefixes and case collisions are frequent.
const key = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'B', '_', '1', '键', '\uD83D\uDC55'), minLength: 1, maxLength: 4 }),
  fc.constantFrom('sign', '_aop_signature', 'page', 'pageSize', 'page_size'),
);
// Everything the fast path takes: non-empty strings, safe numbers, booleans, null, undefined.
const fastValue = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '~', ' ', '批'), minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
  fc.boolean(),
  fc.constantFrom(null, undefined),
);
// And everything else: the empty string, values the slow path normalises (bigints, dates, JSON),
// and values it refuses (NaN, unsafe integers, lone surrogates, functions, symbols, Maps).
const anyValue = fc.oneof(
  { arbitrary: fastValue, weight: 6 },
  fc.constantFrom('', 'x\uD800', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 60)),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(Number.NaN)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.date(), fc.bigInt()), { maxKeys: 2 }),
  fc.constantFrom(() => 1, Symbol('s'), new Map()),
);
// Plain objects (spread), so that the fast path is taken whenever the values allow it.
const plain = (value: fc.Arbitrary<unknown>) => fc.dictionary(key, value, { maxKeys: 10 }).map((d) => ({ ...d }));

describe('the signing fast path matches the slow path and the plain rules', () => {
  it('canonicalTop, topBaseString and canonicalAop equal the plain rules, or refuse with the same message', () => {
    fc.assert(
      fc.property(plain(anyValue), (input) => {
        const expectedTop = outcome(() => referenceTop(input));
        expect(outcome(() => topBaseString(input))).toBe(expectedTop);
        expect(outcome(() => canonicalTop(input, 's', 'hmac'))).toBe(expectedTop);
        expect(outcome(() => canonicalTop(input, 's', 'md5'))).toBe(expectedTop.replace(/^ok: (.*)$/s, 'ok: s$1s'));
        expect(outcome(() => canonicalAop(PATH, input))).toBe(outcome(() => referenceAop(input)));
      }),
      // Fewer runs than the fast-only properties: each run formats dates and builds errors five times.
      { numRuns: 2_000, seed: SEED },
    );
  });

  it('takes the fast path for strings, safe numbers and booleans, and builds what the slow path builds', () => {
    fc.assert(
      fc.property(plain(fastValue), (input) => {
        const top = fastTop(input, 'S', 'S');
        const aop = fastAop(PATH, input);
        // Never undefined here: a fast path that always gave up would pass the comparisons below.
        expect(top).toBe(slowTop(input, 'S', 'S'));
        expect(aop).toBe(slowAop(PATH, input));
        const bare = Object.assign(Object.create(null) as ParamInput, input);
        expect(fastTop(bare, 'S', 'S')).toBe(top);
      }),
      { numRuns: 5_000, seed: SEED },
    );
  });

  it('gives up (undefined) rather than differ from the slow path, whatever the values', () => {
    fc.assert(
      fc.property(plain(anyValue), (input) => {
        const top = fastTop(input, '', '');
        if (top !== undefined) expect(top).toBe(slowTop(input, '', ''));
        const aop = fastAop(PATH, input);
        if (aop !== undefined) expect(aop).toBe(slowAop(PATH, input));
      }),
      { numRuns: 5_000, seed: SEED },
    );
  });

  it('takes null-prototype objects (what the sandbox and querystring.parse make) like plain ones', () => {
    const bare = Object.assign(Object.create(null) as Record<string, string>, { b: '2', a: '1' });
    expect(fastTop(bare, '', '')).toBe('a1b2');
    expect(fastAop(PATH, bare)).toBe(slowAop(PATH, bare));
  });

  it('leaves what it does not take to the slow path: other prototypes, bad keys, a getter that deletes', () => {
    expect(fastTop(Object.create({ inherited: '1' }) as ParamInput, '', '')).toBeUndefined();
    expect(fastTop(new (class Query {})() as ParamInput, '', '')).toBeUndefined();
    expect(fastTop({ '': 'x' }, '', '')).toBeUndefined();
    const shrinking = {
      get a() {
        delete (this as { b?: string }).b;
        return '1';
      },
      b: '2',
    };
    expect(fastTop(shrinking, '', '')).toBeUndefined();
  });

  it('gives the same strings when one shape is signed again after many others', () => {
    const shapes = Array.from({ length: 40 }, (_, i) => ({ [`k${i}`]: 'v', page: String(i), pageSize: 'z' }));
    const first = shapes.map((shape) => [canonicalTop(shape, 's', 'hmac'), canonicalAop(PATH, shape)]);
    const again = shapes.map((shape) => [canonicalTop(shape, 's', 'hmac'), canonicalAop(PATH, shape)]);
    expect(again).toEqual(first);
    expect(first[3]).toEqual(['k3vpage3pageSizez', `${PATH}k3vpage3pageSizez`]);
  });

  it('orders AOP pairs by value when one key is a prefix of another', () => {
    // "page9" before "pageSize40": '9' (0x39) < 'S' (0x53).
    expect(canonicalAop(PATH, { pageSize: '40', page: '9' })).toBe(`${PATH}page9pageSize40`);
    // "pagez" after "pageSize40": 'z' (0x7A) > 'S' (0x53); sorting the keys alone would put page first.
    expect(canonicalAop(PATH, { pageSize: '40', page: 'z' })).toBe(`${PATH}pageSize40pagez`);
    // A run of three keys: "abc" (ab + c) < "abc1" < "az", then "b0" outside the run.
    expect(canonicalAop(PATH, { abc: '1', a: 'z', ab: 'c', b: '0' })).toBe(`${PATH}abcabc1azb0`);
  });

  it('reports the first bad value in insertion order, as normalizeParams does', () => {
    expect(() => canonicalTop({ z: Number.NaN, a: () => 1 }, 's', 'md5')).toThrow(/^params\.z is NaN/);
    expect(() => canonicalAop(PATH, { z: Number.NaN, a: () => 1 })).toThrow(/^params\.z is NaN/);
  });

  it('checks the value of the ignored signature key too, on both paths', () => {
    expect(() => canonicalTop({ a: '1', sign: Number.NaN }, 's', 'md5')).toThrow(/^params\.sign is NaN/);
    expect(() => canonicalAop(PATH, { a: '1', _aop_signature: 2 ** 60 })).toThrow(/^params\._aop_signature is/);
  });

  it('refuses a "__proto__" key rather than silently dropping it (it cannot be a key of the sent object)', () => {
    const parsed = JSON.parse('{"__proto__":"x","a":"1"}') as ParamInput;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(() => normalizeParams(parsed)).toThrow(/"__proto__" cannot be sent/);
    expect(() => canonicalTop(parsed, 's', 'hmac')).toThrow(InvalidRequestError);
    expect(() => canonicalAop(PATH, parsed)).toThrow(InvalidRequestError);
  });
});
