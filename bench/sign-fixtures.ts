/**
 * The request that the signing benchmarks sign: one realistic 12-parameter TOP call and one 1688 AOP
 * call. Shared by bench:sign (ours vs the raw hash) and bench:peers (ours vs the peer SDKs), so that
 * both report on the same bytes.
 */
import { createHmac } from 'node:crypto';

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

export const rawHmac = (algorithm: string, text: string): string =>
  createHmac(algorithm, SECRET).update(text, 'utf8').digest('hex');

/** Every contender must compute the same digest, or the comparison would be meaningless. */
export function same(a: string, b: string, what: string): void {
  if (a.toUpperCase() !== b.toUpperCase()) throw new Error(`${what} disagree: the comparison would be meaningless`);
}
