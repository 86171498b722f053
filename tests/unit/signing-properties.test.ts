/**
 * Properties over 10 000 random parameter sets: signing is deterministic, does not depend on the
 * order in which keys were inserted, and changes when any key or value changes.
 */
import fc from 'fast-check';
import { signAop, signTop } from '../../src/index';

const RUNS = 10_000;
// A fixed seed keeps CI reproducible; change it locally to explore other inputs.
const SEED = 1688;
const PATH = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';

// Keys from a small alphabet so that prefixes, case and '_' collisions are common.
const key = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '_', '1', '键'), minLength: 1, maxLength: 4 });
const value = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const paramSet = fc
  .dictionary(key, value, { minKeys: 1, maxKeys: 8 })
  .filter((p) => !('sign' in p) && !('_aop_signature' in p));
const secret = fc.string({ minLength: 1, maxLength: 16 });

function signAll(params: Record<string, string>, key: string): string[] {
  return [
    signTop(params, key, 'md5'),
    signTop(params, key, 'hmac'),
    signTop(params, key, 'hmac-sha256'),
    signAop(PATH, params, key),
  ];
}

function reversed(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).reverse());
}

describe(`signing properties over ${RUNS} random param sets`, () => {
  it('is deterministic and independent of key insertion order', () => {
    fc.assert(
      fc.property(paramSet, secret, (params, key) => {
        const first = signAll(params, key);
        expect(signAll(params, key)).toEqual(first);
        expect(signAll(reversed(params), key)).toEqual(first);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('changes when any value changes', () => {
    fc.assert(
      fc.property(paramSet, secret, fc.nat(), value, (params, key, pick, replacement) => {
        const keys = Object.keys(params);
        const target = keys[pick % keys.length] as string;
        fc.pre(params[target] !== replacement);
        const before = signAll(params, key);
        const after = signAll({ ...params, [target]: replacement }, key);
        after.forEach((signature, i) => expect(signature).not.toBe(before[i]));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('changes when any key is renamed', () => {
    fc.assert(
      fc.property(paramSet, secret, fc.nat(), key, (params, key, pick, renamed) => {
        const keys = Object.keys(params);
        const target = keys[pick % keys.length] as string;
        fc.pre(!(renamed in params) && renamed !== 'sign' && renamed !== '_aop_signature');
        const { [target]: moved, ...rest } = params;
        const before = signAll(params, key);
        const after = signAll({ ...rest, [renamed]: moved as string }, key);
        after.forEach((signature, i) => expect(signature).not.toBe(before[i]));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
