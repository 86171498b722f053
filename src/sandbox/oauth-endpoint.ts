/**
 * system.oauth2/getToken (at /openapi/http/1/system.oauth2/getToken/<appKey>, as 1688 documents it,
 * and at param2/1/… as well). The client authenticates with client_id + client_secret, or by signing
 * the request like any AOP call. Answers follow 1688's OAuth responses: tokens as strings, and
 * OAuth errors as `{"error","error_description"}` (HTTP 400/401).
 */
import { signAop } from '../signing/index.js';
import type { RegisteredApp } from './apps.js';
import { beijingText } from './clock.js';
import type { SandboxContext } from './context.js';
import { toJsonText } from './json-text.js';
import type { ExchangeResult } from './oauth.js';
import { jsonReply, type IncomingCall, type Reply } from './reply.js';

const API = 'system.oauth2/getToken';

function oauthError(status: number, error: string, description: string, appKey: string): Reply {
  return jsonReply(status, toJsonText({ error, error_description: description }), {
    outcome: 'error',
    code: error,
    appKey,
    api: API,
  });
}

export function handleGetToken(
  ctx: SandboxContext,
  call: IncomingCall,
  app: RegisteredApp,
  urlPath: string,
  same: (given: string, expected: string) => boolean,
): Reply {
  const p = call.params;
  const bySecret = p.client_secret !== undefined && same(p.client_secret, app.appSecret);
  let bySignature = false;
  if (!bySecret && p._aop_signature) {
    try {
      bySignature = same(p._aop_signature, signAop(urlPath, p, app.appSecret));
    } catch {
      bySignature = false;
    }
  }
  if ((p.client_id !== undefined && p.client_id !== app.appKey) || !(bySecret || bySignature)) {
    return oauthError(
      401,
      'invalid_client',
      'client_id / client_secret (or the signature) do not match the app',
      app.appKey,
    );
  }
  let result: ExchangeResult;
  if (p.grant_type === 'authorization_code') {
    result = ctx.oauth.exchangeCode(app.appKey, p.code, p.redirect_uri);
  } else if (p.grant_type === 'refresh_token') {
    result = ctx.oauth.refresh(app.appKey, p.refresh_token);
  } else {
    return oauthError(
      400,
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token',
      app.appKey,
    );
  }
  if (!result.ok) return oauthError(400, result.error, result.description, app.appKey);
  const body: Record<string, string> = { ...result.tokens };
  if (result.refreshExpiresAtMs !== undefined)
    body.refresh_token_timeout = beijingText(result.refreshExpiresAtMs, 'compact');
  return jsonReply(200, toJsonText(body), { outcome: 'ok', appKey: app.appKey, api: API });
}
