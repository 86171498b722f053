/** Which dialect a path belongs to, and which API it names (for logs and fault matching). */
import { aopApiOf } from './aop.js';
import type { SandboxDialect } from './log.js';
import { oneBoundApiOf } from './onebound.js';
import { TOP_METHODS } from './top.js';

export const TOP_PATH = '/router/rest';
export const AUTHORIZE_PATH = '/oauth/authorize';

export function dialectOf(path: string): SandboxDialect {
  if (path === TOP_PATH || path === `${TOP_PATH}/`) return 'top';
  if (path.startsWith('/openapi/') || path === AUTHORIZE_PATH) return 'aop';
  if (oneBoundApiOf(path) !== undefined) return 'onebound';
  return 'unknown';
}

/** The API a request names, before any check: TOP's `method`, AOP's namespace/api, OneBound's api_name. */
export function apiOf(dialect: SandboxDialect, path: string, params: Record<string, string>): string | undefined {
  if (dialect === 'top') {
    const method = params.method;
    return method !== undefined && Object.prototype.hasOwnProperty.call(TOP_METHODS, method) ? method : undefined;
  }
  if (dialect === 'aop') return path === AUTHORIZE_PATH ? 'oauth/authorize' : aopApiOf(path);
  if (dialect === 'onebound') return oneBoundApiOf(path);
  return undefined;
}

/** The app key a request claims, before any check (only logged when the app is registered). */
export function claimedAppKey(
  dialect: SandboxDialect,
  path: string,
  params: Record<string, string>,
): string | undefined {
  if (dialect === 'top') return params.app_key;
  if (dialect === 'aop') return path === AUTHORIZE_PATH ? params.client_id : path.split('/')[6];
  if (dialect === 'onebound') return params.key;
  return undefined;
}
