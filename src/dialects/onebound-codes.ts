/** OneBound `error_code` table, from seed 000 (错误码解释). "0000" is success and is not listed. */
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ServiceError,
} from '../errors.js';
import { fallbackRule, rule, type CodeRule } from './codes.js';

export const ONEBOUND_CODES: Readonly<Record<string, CodeRule>> = {
  '2000': rule(NotFoundError, false, 'search success but no result'),
  '4000': rule(ServiceError, true, 'server internal error'),
  '4001': rule(ServiceError, true, 'network error'),
  '4002': rule(ServiceError, true, 'target server error'),
  '4003': rule(InvalidRequestError, false, 'param error'),
  '4004': rule(AuthenticationError, false, 'account not found'),
  '4005': rule(AuthenticationError, false, 'invalid authentication credentials'),
  '4006': rule(PermissionError, false, 'API stopped'),
  '4007': rule(AuthenticationError, false, 'account stopped'),
  '4008': rule(RateLimitError, true, 'API rate limit exceeded'),
  '4009': rule(ServiceError, true, 'API maintenance'),
  '4010': rule(NotFoundError, false, 'API not found with these values'),
  '4012': rule(PermissionError, false, 'please add api first'),
  '4013': rule(QuotaExceededError, false, 'number of calls exceeded'),
  '4014': rule(InvalidRequestError, false, 'missing url param'),
  '4015': rule(InvalidRequestError, false, 'wrong pageToken'),
  '4016': rule(QuotaExceededError, false, 'insufficient balance'),
  '4017': rule(ServiceError, true, 'timeout error'),
  '5000': rule(ServiceError, true, 'unknown error'),
};

export function oneboundRule(code: string | undefined, httpStatus: number): CodeRule {
  return (code !== undefined ? ONEBOUND_CODES[code] : undefined) ?? fallbackRule(httpStatus, code);
}
