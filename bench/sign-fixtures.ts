/**
 * The requests that the signing benchmarks sign: a realistic 12-parameter TOP call and 1688 AOP call,
 * and a 3-parameter one of each, where the fixed costs of a signer weigh most against the hash.
 * Shared by bench:sign (ours vs the raw hash) and bench:peers (the same, plus the peer SDKs), so that
 * both report on the same bytes.
 */
import { createHmac, hash } from 'node:crypto';

export const SECRET = 'bench-secret-0123456789abcdef';
export const PARAMS = {
  method: 'alibaba.item.get',
  app_key: '12345678',
  timestamp: '2026-11-23 18:00:00',
  format: 'json',
  v: '2.0',
  sign_method: 'md5',
  session: '6100e23657fb0b2d0c78b5b2a5ec9c8f2f6d1e2b9bbd2207654321',
  item_id: '610947572360',
  fields: 'num_iid,title,price,step_price,sku_infos,seller',
  page: '1',
  page_size: '40',
  q: '纯棉短袖 批发定制',
};
// The 1688 gateway addresses the API in the path and carries the token and a ms timestamp.
export const AOP_PATH = 'param2/1/com.alibaba.product/alibaba.product.get/12345678';
export const AOP_PARAMS = {
  access_token: '6100e23657fb0b2d0c78b5b2a5ec9c8f2f6d1e2b9bbd2207654321',
  _aop_timestamp: '1795428000000',
  productID: '610947572360',
  webSite: '1688',
  scene: '1688',
  fields: 'subject,priceRange,skuInfos,saleInfo',
  needCdnImage: 'true',
  lang: 'zh',
  page: '1',
  pageSize: '40',
  country: 'cn',
  keywords: '纯棉短袖 批发定制',
};

/** One parameter set: a TOP request and an AOP request of the same size. */
export interface SignSet {
  name: string;
  top: Record<string, string>;
  aop: Record<string, string>;
}

export const SIGN_SETS: readonly SignSet[] = [
  { name: '12 params', top: PARAMS, aop: AOP_PARAMS },
  {
    name: '3 params',
    top: { method: 'alibaba.item.get', app_key: '12345678', item_id: '610947572360' },
    aop: { access_token: AOP_PARAMS.access_token, _aop_timestamp: '1795428000000', productID: '610947572360' },
  },
];

export const rawHmac = (algorithm: string, text: string): string =>
  createHmac(algorithm, SECRET).update(text, 'utf8').digest('hex');

/** The four signatures: TOP md5, TOP HMAC-MD5, TOP HMAC-SHA256, AOP HMAC-SHA1. */
export type SignKind = 'md5' | 'hmac' | 'hmac-sha256' | 'aop';

/**
 * The floor of any signer that builds the string from the request (for reference): the pieces,
 * sorted beforehand, appended to the prefix, digested, upper-cased. Nothing normalised or checked,
 * no key order computed, and for AOP even the key+value strings built beforehand: what is left of
 * a signer when all of its own work is taken away.
 */
export function assemblyFloor(set: SignSet, kind: SignKind): () => string {
  if (kind === 'aop') {
    const pairs = Object.keys(set.aop)
      .map((key) => key + (set.aop[key] as string))
      .sort();
    return () => {
      let text = AOP_PATH;
      for (let i = 0; i < pairs.length; i++) text += pairs[i] as string;
      return createHmac('sha1', SECRET).update(text, 'utf8').digest('hex').toUpperCase();
    };
  }
  const keys = Object.keys(set.top).sort();
  const values = keys.map((key) => set.top[key] as string);
  const digest =
    kind === 'md5'
      ? (text: string) => hash('md5', SECRET + text + SECRET, 'hex')
      : (text: string) => rawHmac(kind === 'hmac' ? 'md5' : 'sha256', text);
  return () => {
    let text = '';
    for (let i = 0; i < keys.length; i++) {
      text += keys[i] as string;
      text += values[i] as string;
    }
    return digest(text).toUpperCase();
  };
}

/** Every contender must compute the same digest, or the comparison would be meaningless. */
export function same(a: string, b: string, what: string): void {
  if (a.toUpperCase() !== b.toUpperCase()) throw new Error(`${what} disagree: the comparison would be meaningless`);
}
