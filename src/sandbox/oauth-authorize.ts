/**
 * GET /oauth/authorize: the sandbox's stand-in for 1688's consent page (auth.1688.com/oauth/authorize,
 * per 1688's web authorisation guide, https://blog.csdn.net/ioriliao/article/details/95090343). It
 * consents at once, as a seller who approves would, and redirects to `redirect_uri` with a one-time
 * code bound to that URI and the `state` unchanged; without a redirect_uri it shows the code as JSON.
 */
import type { SandboxContext } from './context.js';
import { toJsonText } from './json-text.js';
import type { IncomingCall, Reply } from './reply.js';

const API = 'oauth/authorize';

export function handleAuthorize(ctx: SandboxContext, call: IncomingCall): Reply {
  const { client_id: clientId, site, redirect_uri: redirect, state } = call.params;
  const app = ctx.apps.get(clientId);
  if (!app) {
    return { status: 400, body: toJsonText({ error: 'invalid_client' }), outcome: 'error', code: 'invalid_client' };
  }
  const fields = { appKey: app.appKey, api: API };
  // The guide: "site … 直接填写1688"; a consent URL without it is the caller's bug, shown here.
  if (site !== '1688') {
    const body = toJsonText({ error: 'invalid_request', error_description: 'site must be 1688' });
    return { status: 400, body, outcome: 'error', code: 'invalid_request', ...fields };
  }
  let location: URL | undefined;
  try {
    location = redirect ? new URL(redirect) : undefined;
  } catch {
    location = undefined;
  }
  const code = ctx.oauth.issueCode(app.appKey, location ? redirect : undefined);
  if (!location) return { status: 200, body: toJsonText({ code, state: state ?? '' }), outcome: 'ok', ...fields };
  location.searchParams.set('code', code);
  if (state !== undefined) location.searchParams.set('state', state);
  return { status: 302, body: '', headers: { Location: location.toString() }, outcome: 'ok', ...fields };
}
