/** The client options that reach a running sandbox as its demo app, in one dialect. */
import type { Dialect } from '../errors.js';
import type { ClientOptions } from '../options.js';
import { SANDBOX_DEFAULTS } from './apps.js';
import type { Sandbox } from './server.js';

/** Credentials and base URL of the demo app (an explicit client: no OPEN1688_* variable mixes in). */
export function demoClientOptions(sandbox: Pick<Sandbox, 'urls'>, dialect: Dialect): ClientOptions {
  return {
    dialect,
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    baseUrl: sandbox.urls[dialect],
    session: dialect === 'top' ? SANDBOX_DEFAULTS.session : undefined,
    accessToken: dialect === 'aop' ? SANDBOX_DEFAULTS.accessToken : undefined,
    refreshToken: dialect === 'aop' ? SANDBOX_DEFAULTS.refreshToken : undefined,
  };
}
