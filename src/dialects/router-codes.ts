/**
 * The 1688 router's own codes, as seed 004 (常见错误及解决方案) lists them for `alibaba.item.get`:
 *
 * | code | seed's text | class |
 * |---|---|---|
 * | 100 | 缺少 app_key | AuthenticationError |
 * | 101 | 签名错误 | SignatureError |
 * | 110 | IP 不在白名单 | PermissionError |
 * | 200 | 商品不存在 | NotFoundError |
 * | 429 | 调用频率超限 | RateLimitError (retryable) |
 * | 500 | 服务器内部错误 | ServiceError (retryable) |
 *
 * The seed does not say which gateway sends them, so both 1688-facing dialects read them: TOP in
 * `error_response.code`, AOP in `error_code` / `errorCode` / `code`.
 */
import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServiceError,
  SignatureError,
} from '../errors.js';
import { rule, type CodeRule } from './codes.js';

export const ROUTER_1688_CODES: Readonly<Record<string, CodeRule>> = {
  '100': rule(AuthenticationError, false, 'missing app_key'),
  '101': rule(SignatureError, false, 'signature error'),
  '110': rule(PermissionError, false, 'IP not in the whitelist'),
  '200': rule(NotFoundError, false, 'item does not exist'),
  '429': rule(RateLimitError, true, 'call frequency over the limit'),
  '500': rule(ServiceError, true, 'server internal error'),
};
