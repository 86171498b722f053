/**
 * The signers' hot path (normalizeList, the cached key order, the in-place AOP pair order) must give
 * exactly what the plain rules give: normalizeParams, then the default sort. Checked against that
 * reference over random requests whose keys are often prefixes of each other, with values of every
 * accepted type, and with more request shapes than the key-order cache holds.
 */
import fc from 'fast-check';
import { InvalidRequestError, canonicalAop, canonicalTop, normalizeParams, type ParamInput } from '../../src/index';
import { topBaseString } from '../../src/signing/canonical';

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

// Few letters, so that `a`/`ab`/`abc` prefixes and case collisions are frequent.
const key = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'B', '_', '1', '键', '\uD83D\uDC55'), minLength: 1, maxLength: 4 }),
  fc.constantFrom('sign', '_aop_signature', 'page', 'pageSize', 'page_size'),
);
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '~', ' ', '批'), maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(null, undefined, ''),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const params = fc.dictionary(key, value, { maxKeys: 10 });

describe('the signing hot path matches the plain rules', () => {
  it('canonicalTop, topBaseString and canonicalAop over 5 000 random requests', () => {
    fc.assert(
      fc.property(params, (input) => {
        expect(topBaseString(input)).toBe(referenceTop(input));
        expect(canonicalTop(input, 's', 'md5')).toBe(`s${referenceTop(input)}s`);
        expect(canonicalAop(PATH, input)).toBe(referenceAop(input));
      }),
      { numRuns: 5_000, seed: SEED },
    );
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
  });

  it('reports the first bad value in insertion order, as normalizeParams does', () => {
    expect(() => canonicalTop({ z: Number.NaN, a: () => 1 }, 's', 'md5')).toThrow(/"z" is NaN/);
    expect(() => canonicalAop(PATH, { z: Number.NaN, a: () => 1 })).toThrow(/"z" is NaN/);
  });

  it('refuses a "__proto__" key rather than silently dropping it (it cannot be a key of the sent object)', () => {
    const parsed = JSON.parse('{"__proto__":"x","a":"1"}') as ParamInput;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(() => normalizeParams(parsed)).toThrow(/"__proto__" cannot be sent/);
    expect(() => canonicalTop(parsed, 's', 'hmac')).toThrow(InvalidRequestError);
    expect(() => canonicalAop(PATH, parsed)).toThrow(InvalidRequestError);
  });
});
