import { canonicalAop, canonicalTop, signAop, signTop } from '../../src/index';
import { loadVectors, TOP_METHOD_OF, type SigningVector } from '../vectors/load';

const shared = loadVectors('signing.json');
const edge = loadVectors('edge-cases.json');

function check(vector: SigningVector): void {
  if (vector.algorithm === 'aop-hmac-sha1') {
    const urlPath = vector.urlPath as string;
    if (vector.canonical !== undefined) expect(canonicalAop(urlPath, vector.params)).toBe(vector.canonical);
    expect(signAop(urlPath, vector.params, vector.secret)).toBe(vector.sign);
  } else {
    const method = TOP_METHOD_OF[vector.algorithm];
    if (vector.canonical !== undefined)
      expect(canonicalTop(vector.params, vector.secret, method)).toBe(vector.canonical);
    expect(signTop(vector.params, vector.secret, method)).toBe(vector.sign);
  }
}

describe(`shared signing vectors (${shared.length} from independent implementations)`, () => {
  it('has vectors of every algorithm', () => {
    const algorithms = new Set(shared.map((v) => v.algorithm));
    expect([...algorithms].sort()).toEqual(['aop-hmac-sha1', 'top-hmac', 'top-hmac-sha256', 'top-md5']);
    expect(shared.length).toBeGreaterThanOrEqual(60);
  });
  it.each(shared.map((v) => [v.name, v] as const))('%s', (_name, vector) => check(vector));
});

describe(`edge-case signing vectors (${edge.length}, computed with Python hashlib)`, () => {
  it.each(edge.map((v) => [v.name, v] as const))('%s', (_name, vector) => check(vector));
});

describe('AOP sorts key+value strings, not keys', () => {
  it('puts ab1 before az when one key is a prefix of another', () => {
    expect(canonicalAop('param2/1/ns/api/k', { a: 'z', ab: '1' })).toBe('param2/1/ns/api/kab1az');
  });
  it('while TOP sorts by key', () => {
    expect(canonicalTop({ a: 'z', ab: '1' }, 's', 'hmac')).toBe('azab1');
  });
});
