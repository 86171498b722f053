/**
 * TOP (gw.api.taobao.com router) codes. The top-level `code` is a system code; `sub_code` refines
 * it (`isv.*` the caller's fault, `isp.*` the platform's, `accesscontrol.*` flow control). Codes
 * 100–500 are the ones seed 004 documents for the 1688 flavour of the router (router-codes.ts).
 */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ServiceError,
  SignatureError,
  TimestampError,
} from '../errors.js';
import { fallbackRule, rule, type CodeRule } from './codes.js';
import { ROUTER_1688_CODES } from './router-codes.js';

/** System codes. 15 and 50 only say "see sub_code", so sub-codes win over them. */
export const TOP_CODES: Readonly<Record<string, CodeRule>> = {
  '1': rule(ServiceError, true, 'unknown error'),
  '2': rule(ServiceError, true, 'service temporarily unavailable'),
  '3': rule(ServiceError, true, 'upload failed'),
  '7': rule(RateLimitError, true, 'app call limited'),
  '8': rule(InvalidRequestError, false, 'HTTP action not allowed'),
  '9': rule(InvalidRequestError, false, 'HTTP action not allowed'),
  '10': rule(ServiceError, true, 'service currently unavailable'),
  '11': rule(PermissionError, false, 'insufficient ISV permissions'),
  '12': rule(PermissionError, false, 'insufficient user permissions'),
  '13': rule(PermissionError, false, 'insufficient partner permissions'),
  '15': rule(ServiceError, true, 'remote service error'),
  '21': rule(InvalidRequestError, false, 'missing method'),
  '22': rule(NotFoundError, false, 'invalid method (no such API)'),
  '23': rule(InvalidRequestError, false, 'invalid format'),
  '24': rule(SignatureError, false, 'missing signature'),
  '25': rule(SignatureError, false, 'invalid signature'),
  '26': rule(AuthenticationError, false, 'missing session'),
  '27': rule(AuthenticationError, false, 'invalid session'),
  '28': rule(AuthenticationError, false, 'missing app key'),
  '29': rule(AuthenticationError, false, 'invalid app key'),
  '30': rule(TimestampError, false, 'missing timestamp'),
  '31': rule(TimestampError, false, 'invalid timestamp'),
  '32': rule(InvalidRequestError, false, 'missing version'),
  '33': rule(InvalidRequestError, false, 'invalid version'),
  '34': rule(InvalidRequestError, false, 'unsupported version'),
  '40': rule(InvalidRequestError, false, 'missing required arguments'),
  '41': rule(InvalidRequestError, false, 'invalid arguments'),
  '42': rule(PermissionError, false, 'forbidden request'),
  '43': rule(InvalidRequestError, false, 'parameter error'),
  '47': rule(InvalidRequestError, false, 'invalid encoding'),
  '50': rule(ServiceError, true, 'remote service error'),
  // Seed 004: the 1688 router's own table, shared with the AOP dialect.
  ...ROUTER_1688_CODES,
};

/** Codes that carry no meaning of their own beyond "look at sub_code". */
const GENERIC_CODES = new Set(['15', '50']);

/** Exact sub-codes (seed 003 and the common TOP ones). */
export const TOP_SUB_CODES: Readonly<Record<string, CodeRule>> = {
  'isv.invalid-permission': rule(PermissionError, false, 'no permission for this API'),
  'isv.permission-api-package-limit': rule(PermissionError, false, 'API package not granted'),
  'isv.permission-ip-whitelist-limit': rule(PermissionError, false, 'IP not in the whitelist'),
  'isv.param-error': rule(InvalidRequestError, false, 'parameter error'),
  'isv.invalid-parameter': rule(InvalidRequestError, false, 'invalid parameter'),
  'isv.missing-parameter': rule(InvalidRequestError, false, 'missing parameter'),
  'isv.item-not-exist': rule(NotFoundError, false, 'item does not exist'),
  'isv.item-is-delete': rule(NotFoundError, false, 'item was deleted'),
  'isv.shop-not-exist': rule(NotFoundError, false, 'shop does not exist'),
  'isv.user-not-exist': rule(NotFoundError, false, 'user does not exist'),
  'isv.invalid-session': rule(AuthenticationError, false, 'invalid session'),
  'isv.session-expired': rule(AuthenticationError, false, 'session expired'),
  'invalid-sessionkey': rule(AuthenticationError, false, 'invalid session key'),
  'sessionkey-not-generated-by-server': rule(AuthenticationError, false, 'session key not issued by the server'),
  'isv.appkey-not-exists': rule(AuthenticationError, false, 'app key does not exist'),
  'isv.call-limited': rule(RateLimitError, true, 'call limited'),
  'isp.call-limited': rule(RateLimitError, true, 'call limited'),
  'accesscontrol.limited-by-app-access-count': rule(RateLimitError, true, 'app access count limited'),
  'accesscontrol.limited-by-api-access-count': rule(RateLimitError, true, 'API access count limited'),
  'accesscontrol.limited-by-app-api-access-count': rule(RateLimitError, true, 'app/API access count limited'),
  'accesscontrol.limited-by-app-flow': rule(RateLimitError, true, 'app flow limited'),
  'accesscontrol.limited-by-app-daily-quota': rule(QuotaExceededError, false, 'daily quota used up'),
  'accesscontrol.api-call-limited-total': rule(QuotaExceededError, false, 'total quota used up'),
};

/** By prefix, for the many sub-codes no table lists. */
function ruleForSubCodePrefix(subCode: string): CodeRule | undefined {
  if (/session/i.test(subCode)) return rule(AuthenticationError, false, 'session problem');
  if (/quota|balance/i.test(subCode)) return rule(QuotaExceededError, false, 'quota used up');
  if (subCode.startsWith('accesscontrol.')) return rule(RateLimitError, true, 'flow control');
  if (subCode.startsWith('isp.')) return rule(ServiceError, true, 'platform-side failure');
  if (subCode.startsWith('isv.')) {
    if (/not-?exist|not-?found/i.test(subCode)) return rule(NotFoundError, false, 'does not exist');
    if (/permission|forbidden|denied/i.test(subCode)) return rule(PermissionError, false, 'not permitted');
    return rule(InvalidRequestError, false, "rejected as the caller's fault");
  }
  return undefined;
}

export function topRule(code: string | undefined, subCode: string | undefined, httpStatus: number): CodeRule {
  if (subCode !== undefined && TOP_SUB_CODES[subCode]) return TOP_SUB_CODES[subCode];
  const byCode = code === undefined ? undefined : TOP_CODES[code];
  if (byCode && !GENERIC_CODES.has(code as string)) return byCode;
  const byPrefix = subCode === undefined ? undefined : ruleForSubCodePrefix(subCode);
  return byPrefix ?? byCode ?? fallbackRule(httpStatus, subCode ?? code);
}

// TOP code 7: "This ban will last for 12 more seconds".
const BAN = /ban will last for (\d+) more seconds?/i;

/** The wait TOP announces for a ban, in ms, when its message says so. */
export function banMsFrom(...texts: (string | undefined)[]): number | undefined {
  for (const text of texts) {
    const match = text === undefined ? null : BAN.exec(text);
    if (match) return Number(match[1]) * 1000;
  }
  return undefined;
}
