/**
 * The normalisation vectors of tests/vectors/normalize-cases.json, computed by
 * make_normalize_vectors.py with Python's json, datetime, hashlib and hmac: what each kind of value
 * becomes, the signatures over the result, and the values that must be refused (with their path).
 */
import { InvalidRequestError, canonicalAop, canonicalTop, normalizeParams, signAop, signTop } from '../../src/index';
import { loadNormalizeVectors, untag, type NormalizeVector } from '../vectors/load';

const vectors = loadNormalizeVectors();
const accepted = vectors.filter((v) => v.refused === undefined);
const refused = vectors.filter((v) => v.refused !== undefined);

describe(`normalisation vectors (${vectors.length}, computed with Python)`, () => {
  it('has accepted and refused cases', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(7);
    expect(refused.length).toBeGreaterThanOrEqual(13);
  });

  it.each(accepted.map((v) => [v.name, v] as const))('%s: normalised and signed as computed', (_name, vector) => {
    const { secret, urlPath } = vector as Required<NormalizeVector>;
    const params = untag(vector.params) as Record<string, unknown>;
    expect(normalizeParams(params)).toEqual(vector.normalized);
    expect(canonicalTop(params, secret, 'md5')).toBe(vector.canonical);
    expect(signTop(params, secret, 'md5')).toBe(vector.sign);
    expect(canonicalAop(urlPath, params)).toBe(vector.aopCanonical);
    expect(signAop(urlPath, params, secret)).toBe(vector.aopSign);
  });

  it.each(refused.map((v) => [v.name, v] as const))('%s: refused with its path', (_name, vector) => {
    const params = untag(vector.params) as Record<string, unknown>;
    for (const attempt of [
      () => normalizeParams(params),
      () => signTop(params, 's', 'md5'),
      () => signAop('param2/1/ns/api/1', params, 's'),
    ]) {
      expect(attempt).toThrow(InvalidRequestError);
      expect(attempt).toThrow(new RegExp(`^${(vector.refused as string).replace(/[.[\]]/g, '\\$&')} `));
    }
  });
});
