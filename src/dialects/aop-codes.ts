/**
 * 1688 AOP gateway codes (`error_code`: `gw.*` from the gateway itself, plain numbers or OAuth
 * words from the services behind it). The HTTP status is 4xx/5xx for gateway errors.
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
import { fallbackRule, rule, ruleForStatus, type CodeRule } from './codes.js';
import { ROUTER_1688_CODES } from './router-codes.js';

export const AOP_CODES: Readonly<Record<string, CodeRule>> = {
  'gw.SignatureInvalid': rule(SignatureError, false, 'invalid signature'),
  'gw.SignatureMissing': rule(SignatureError, false, 'missing signature'),
  'gw.AppKeyMissing': rule(AuthenticationError, false, 'app key missing from the path'),
  'gw.AppKeyNotExist': rule(AuthenticationError, false, 'app key does not exist'),
  'gw.AppKeyInvalid': rule(AuthenticationError, false, 'invalid app key'),
  'gw.AppDisabled': rule(AuthenticationError, false, 'app disabled'),
  'gw.InvalidAccessToken': rule(AuthenticationError, false, 'invalid access token'),
  'gw.AccessTokenInvalid': rule(AuthenticationError, false, 'invalid access token'),
  'gw.AccessTokenExpired': rule(AuthenticationError, false, 'access token expired'),
  'gw.TokenExpired': rule(AuthenticationError, false, 'access token expired'),
  'gw.MissingAccessToken': rule(AuthenticationError, false, 'missing access token'),
  'gw.AccessTokenMissing': rule(AuthenticationError, false, 'missing access token'),
  'gw.APIACLDecline': rule(PermissionError, false, 'the app may not call this API'),
  'gw.AccessDenied': rule(PermissionError, false, 'access denied'),
  'gw.PermissionDenied': rule(PermissionError, false, 'permission denied'),
  'gw.ApiNoPermission': rule(PermissionError, false, 'no permission for this API'),
  'gw.IpNotInWhiteList': rule(PermissionError, false, 'IP not in the whitelist'),
  'gw.IpWhiteListDenied': rule(PermissionError, false, 'IP not in the whitelist'),
  'gw.APINotFound': rule(NotFoundError, false, 'no such API'),
  'gw.APIUnsupported': rule(NotFoundError, false, 'API not supported'),
  'gw.NotFound': rule(NotFoundError, false, 'not found'),
  'gw.ResourceNotFound': rule(NotFoundError, false, 'no such product or shop'),
  'gw.QosAppFrequencyLimit': rule(RateLimitError, true, 'app call frequency limited'),
  'gw.QosRequestLimit': rule(RateLimitError, true, 'the gateway sheds load'),
  'gw.QPSLimited': rule(RateLimitError, true, 'QPS limited'),
  'gw.AppCallLimited': rule(RateLimitError, true, 'app call limited'),
  'gw.FlowLimited': rule(RateLimitError, true, 'flow limited'),
  'gw.RateLimited': rule(RateLimitError, true, 'rate limited'),
  'gw.QuotaExceeded': rule(QuotaExceededError, false, 'quota used up'),
  'gw.DailyQuotaExceeded': rule(QuotaExceededError, false, 'daily quota used up'),
  'gw.TimestampInvalid': rule(TimestampError, false, 'invalid timestamp'),
  'gw.TimestampExpired': rule(TimestampError, false, 'timestamp out of range'),
  'gw.ParameterMissing': rule(InvalidRequestError, false, 'missing parameter'),
  'gw.RequestTooLarge': rule(InvalidRequestError, false, 'request body too large'),
  'gw.HttpMethodNotAllowed': rule(InvalidRequestError, false, 'HTTP method not allowed'),
  'gw.MissingParameter': rule(InvalidRequestError, false, 'missing parameter'),
  'gw.ParameterInvalid': rule(InvalidRequestError, false, 'invalid parameter'),
  'gw.InvalidParameter': rule(InvalidRequestError, false, 'invalid parameter'),
  'gw.BadRequest': rule(InvalidRequestError, false, 'bad request'),
  'gw.ServiceUnavailable': rule(ServiceError, true, 'service unavailable'),
  'gw.ServiceError': rule(ServiceError, true, 'service error'),
  'gw.InternalError': rule(ServiceError, true, 'internal error'),
  'gw.Timeout': rule(ServiceError, true, 'backend timeout'),
  // OAuth (system.oauth2/getToken) answers in RFC 6749 words.
  invalid_grant: rule(AuthenticationError, false, 'invalid or expired code / refresh token'),
  invalid_client: rule(AuthenticationError, false, 'invalid client'),
  unsupported_grant_type: rule(InvalidRequestError, false, 'unsupported grant type'),
  invalid_request: rule(InvalidRequestError, false, 'invalid OAuth request'),
  unauthorized_client: rule(PermissionError, false, 'client not authorised'),
  // Numeric codes some 1688 services put in error_code.
  '400': rule(InvalidRequestError, false, 'bad request'),
  '401': rule(AuthenticationError, false, 'authorisation required'),
  '403': rule(PermissionError, false, 'forbidden'),
  '404': rule(NotFoundError, false, 'not found'),
  // Seed 004: the 1688 router's own table (100, 101, 110, 200, 429, 500), shared with TOP.
  ...ROUTER_1688_CODES,
};

/** Codes that say the access token is bad: a refresh may fix them. */
export function isTokenProblem(code: string | undefined): boolean {
  return code !== undefined && /token/i.test(code) && !/invalid_grant/.test(code);
}

export function aopRule(code: string | undefined, httpStatus: number): CodeRule {
  if (code !== undefined && AOP_CODES[code]) return AOP_CODES[code];
  if (code?.startsWith('gw.')) {
    if (/token/i.test(code)) return rule(AuthenticationError, false, 'access token problem');
    if (/limit/i.test(code)) return rule(RateLimitError, true, 'flow limited');
  }
  if (code === undefined) {
    if (httpStatus === 401) return rule(AuthenticationError, false, 'authorisation required');
    if (httpStatus === 403) return rule(PermissionError, false, 'forbidden');
    if (httpStatus === 404) return rule(NotFoundError, false, 'not found');
    const byStatus = ruleForStatus(httpStatus);
    if (byStatus) return byStatus;
  }
  return fallbackRule(httpStatus, code);
}

// gw.QosRequestLimit: "The request has exceeded the limit, retry in 3 s".
const RETRY_IN = /retry in (\d+)\s*s/i;

/** The wait a 1688 rate-limit message announces, in ms. */
export function aopRetryAfterMs(message: string | undefined): number | undefined {
  const match = message === undefined ? null : RETRY_IN.exec(message);
  return match ? Number(match[1]) * 1000 : undefined;
}
