/**
 * Which proxy a client's requests go through. Like curl and most HTTP tools, the standard variables
 * are read by default: `HTTP_PROXY` for http targets, `HTTPS_PROXY` (or else `HTTP_PROXY`, as
 * undici does) for https ones, `NO_PROXY` for hosts to reach directly, each in either case (lower
 * case first). The `proxy` option (one URL for every target, `NO_PROXY` still applying) replaces
 * the variables, and `proxy: false` ignores them. A proxy URL without a scheme is taken as http://.
 * Proxy URLs may carry credentials (`http://user:pass@host:port`, sent as `Proxy-Authorization`):
 * `proxySecrets` lists what the redactor must mask, and no message here quotes a URL.
 */
import { InvalidRequestError } from '../errors.js';

/** The proxies in force; an empty string is no proxy. */
export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const variable = (env: Env, name: string): { name: string; value: string } | undefined => {
  for (const key of [name.toLowerCase(), name]) {
    const value = env[key]?.trim();
    if (value) return { name: key, value };
  }
  return undefined;
};

/** A proxy URL as undici takes it (scheme added when missing), or an error naming where it came from. */
function proxyUrl(text: string, source: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  const url = URL.canParse(withScheme) ? new URL(withScheme) : undefined;
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.hostname === '') {
    throw new InvalidRequestError({
      message: `invalid ${source}: must be an http(s) proxy URL such as http://proxy.example:3128`,
      code: 'invalid-option',
    });
  }
  return withScheme;
}

/** The proxies for this client: undefined when requests go direct. */
export function resolveProxy(option: string | false | undefined, env: Env): ProxySettings | undefined {
  if (option === false) return undefined;
  const noProxy = variable(env, 'NO_PROXY')?.value ?? '';
  if (option !== undefined) {
    const url = proxyUrl(option, 'option "proxy"');
    return { httpProxy: url, httpsProxy: url, noProxy };
  }
  const http = variable(env, 'HTTP_PROXY');
  const https = variable(env, 'HTTPS_PROXY');
  if (http === undefined && https === undefined) return undefined;
  const httpProxy = http === undefined ? '' : proxyUrl(http.value, `${http.name} (environment)`);
  const httpsProxy = https === undefined ? httpProxy : proxyUrl(https.value, `${https.name} (environment)`);
  return { httpProxy, httpsProxy, noProxy };
}

/** The credentials in the proxy URLs, in every form they take on the wire: for the redactor. */
export function proxySecrets(settings: ProxySettings | undefined): string[] {
  const secrets: string[] = [];
  for (const text of settings === undefined ? [] : [settings.httpProxy, settings.httpsProxy]) {
    if (text === '') continue;
    const { username, password } = new URL(text);
    if (password === '') continue;
    const user = decodeURIComponent(username);
    const pass = decodeURIComponent(password);
    secrets.push(password, pass, `${user}:${pass}`, Buffer.from(`${user}:${pass}`).toString('base64'));
  }
  return secrets;
}
