/** The per-call options of `client.call`, checked by hand because this runs on every call. */
import type { HttpMethod } from '../dialects/types.js';
import { InvalidRequestError, invalidRequest } from '../errors.js';
import { NO_RETRY, type RetryPolicy } from '../transport/retry.js';

/** Per-call options of `client.call`: HTTP method, time limits, abort signal, retry policy and priority. */
export interface RequestOptions {
  /** POST by default for TOP and AOP, GET for OneBound. */
  httpMethod?: HttpMethod;
  /** Time for one attempt (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Time for the whole call, attempts, waits and queueing included (default: the client's `deadlineMs`). */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Safe to repeat after an unclear failure. Default: true for read APIs (get/search/query/list …). */
  idempotent?: boolean;
  /** Scheduler priority 0 (first) … 9 (last). */
  priority?: number;
  retry?: Partial<RetryPolicy> | false;
}

/** The client's retry policy with a call's override applied. */
export function retryPolicy(base: RetryPolicy, override: RequestOptions['retry']): RetryPolicy {
  if (override === false) return NO_RETRY;
  if (override === undefined) return base;
  return { ...base, ...override };
}

const METHODS = new Set(['GET', 'POST']);

/** Throws `InvalidRequestError` naming the first bad request option. */
export function checkRequestOptions(ro: RequestOptions): RequestOptions {
  if (ro === undefined || ro === null) return {};
  if (typeof ro !== 'object') throw invalidRequest('requestOptions must be an object');
  const bad = (name: string, rule: string): InvalidRequestError =>
    new InvalidRequestError({ message: `invalid request option "${name}": ${rule}`, code: 'invalid-option' });
  if (ro.httpMethod !== undefined && !METHODS.has(ro.httpMethod)) throw bad('httpMethod', 'must be GET or POST');
  for (const key of ['timeoutMs', 'deadlineMs'] as const) {
    const value = ro[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw bad(key, 'must be a positive number of ms');
    }
  }
  if (ro.priority !== undefined && !(Number.isInteger(ro.priority) && ro.priority >= 0 && ro.priority <= 9)) {
    throw bad('priority', 'must be an integer 0…9');
  }
  if (ro.signal !== undefined && !(ro.signal instanceof AbortSignal)) throw bad('signal', 'must be an AbortSignal');
  if (ro.retry !== undefined && ro.retry !== false) {
    if (typeof ro.retry !== 'object' || ro.retry === null)
      throw bad('retry', 'must be false or { retries, minDelayMs, maxDelayMs }');
    for (const key of ['retries', 'minDelayMs', 'maxDelayMs'] as const) {
      const value = ro.retry[key];
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
        throw bad(`retry.${key}`, 'must be a number ≥ 0');
      }
    }
  }
  return ro;
}
