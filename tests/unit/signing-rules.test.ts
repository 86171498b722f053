import { createHash, createHmac } from 'node:crypto';
import { InvalidRequestError, canonicalAop, canonicalTop, signAop, signTop } from '../../src/index';

// Independent one-liners of the documented rules, to check values our normaliser produces.
const md5 = (text: string) => createHash('md5').update(text).digest('hex').toUpperCase();
const hmacSha1 = (key: string, text: string) => createHmac('sha1', key).update(text).digest('hex').toUpperCase();

describe('signTop', () => {
  it('signs normalised values exactly as their string forms', () => {
    const date = new Date('2026-01-01T00:30:00Z');
    const params = {
      n: 42,
      big: 12345678901234567890n,
      yes: true,
      no: false,
      at: date,
      list: [1, 'a'],
      obj: { k: 'v' },
    };
    const sorted = 'at2026-01-01 08:30:00big12345678901234567890list[1,"a"]n42nofalseobj{"k":"v"}yestrue';
    expect(canonicalTop(params, 'k', 'hmac')).toBe(sorted);
    expect(signTop(params, 'k', 'md5')).toBe(md5('k' + sorted + 'k'));
  });

  it('drops undefined, null and empty strings from the signature', () => {
    const withEmpties = { a: '1', b: undefined, c: null, d: '' };
    expect(canonicalTop(withEmpties, 's', 'md5')).toBe('sa1s');
    expect(signTop(withEmpties, 's', 'md5')).toBe(signTop({ a: '1' }, 's', 'md5'));
  });

  it('never signs the sign parameter itself', () => {
    expect(signTop({ a: '1', sign: 'X' }, 's', 'md5')).toBe(signTop({ a: '1' }, 's', 'md5'));
  });

  it('defaults to md5 and gives uppercase hex', () => {
    expect(signTop({ a: '1' }, 's')).toMatch(/^[0-9A-F]{32}$/);
    expect(signTop({ a: '1' }, 's', 'hmac-sha256')).toMatch(/^[0-9A-F]{64}$/);
  });

  it('rejects an empty secret and an unknown method before hashing', () => {
    expect(() => signTop({ a: '1' }, '', 'md5')).toThrow(InvalidRequestError);
    expect(() => signTop({ a: '1' }, 's', 'sha1' as never)).toThrow(
      /sign method must be one of md5, hmac, hmac-sha256/,
    );
  });
});

describe('signAop', () => {
  const path = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';

  it('never signs _aop_signature', () => {
    expect(signAop(path, { a: '1', _aop_signature: 'X' }, 's')).toBe(hmacSha1('s', `${path}a1`));
  });

  it('rejects a path that is not param2/1/<namespace>/<apiName>/<appKey>', () => {
    expect(() => canonicalAop(`/openapi/${path}`, {})).toThrow(/the part after \/openapi\//);
    expect(() => canonicalAop('param2/1/ns/api', {})).toThrow(InvalidRequestError);
  });

  it('signs the path alone when there are no params', () => {
    expect(signAop(path, {}, 's')).toBe(hmacSha1('s', path));
  });
});
