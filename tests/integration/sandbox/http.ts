/**
 * A plain HTTP client and an independent signer for the sandbox tests: a few lines of node:crypto,
 * deliberately not the SDK's signer, so that the sandbox is checked against the contract itself.
 */
import { createHash, createHmac } from 'node:crypto';
import { type Agent, request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  bytes: number;
}

export interface HttpOptions {
  method?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
  agent?: Agent;
}

export function http(url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: body.toString('utf8'),
            bytes: body.length,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    }
    req.end(options.body);
  });
}

export const form = (params: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(params).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
});

/** Beijing wall-clock `yyyy-MM-dd HH:mm:ss` for an instant, by arithmetic (Beijing has no DST). */
export function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** TOP: md5(secret + k1v1… + secret) or HMAC over k1v1…, keys sorted, empty values skipped, uppercase hex. */
export function topSign(
  params: Record<string, string>,
  secret: string,
  method: 'md5' | 'hmac' | 'hmac-sha256',
): string {
  const base = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => k + params[k])
    .join('');
  if (method === 'md5')
    return createHash('md5')
      .update(secret + base + secret, 'utf8')
      .digest('hex')
      .toUpperCase();
  const algorithm = method === 'hmac' ? 'md5' : 'sha256';
  return createHmac(algorithm, secret).update(base, 'utf8').digest('hex').toUpperCase();
}

/** AOP: HMAC-SHA1(secret, urlPath + sorted key+value strings), uppercase hex. */
export function aopSign(urlPath: string, params: Record<string, string>, secret: string): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== '_aop_signature' && params[k] !== '')
    .map((k) => k + params[k])
    .sort();
  return createHmac('sha1', secret)
    .update(urlPath + pairs.join(''), 'utf8')
    .digest('hex')
    .toUpperCase();
}

export const DEMO = { appKey: '10000001', secret: 'sandbox-secret', token: 'sandbox-access-token' };

export function topParams(
  extra: Record<string, string>,
  options: { method?: 'md5' | 'hmac' | 'hmac-sha256'; nowMs?: number; appKey?: string; secret?: string } = {},
): Record<string, string> {
  const signMethod = options.method ?? 'md5';
  const params: Record<string, string> = {
    app_key: options.appKey ?? DEMO.appKey,
    timestamp: beijing(options.nowMs ?? Date.now()),
    format: 'json',
    v: '2.0',
    sign_method: signMethod,
    ...extra,
  };
  params.sign = topSign(params, options.secret ?? DEMO.secret, signMethod);
  return params;
}

export function aopPath(api: string, appKey = DEMO.appKey): string {
  return `param2/1/${api}/${appKey}`;
}

export function aopParams(
  urlPath: string,
  extra: Record<string, string>,
  secret = DEMO.secret,
): Record<string, string> {
  const params: Record<string, string> = { access_token: DEMO.token, _aop_timestamp: String(Date.now()), ...extra };
  params._aop_signature = aopSign(urlPath, params, secret);
  return params;
}

/** Changes one character of a value (the last one: a digit stays a digit, a letter a letter). */
export function mutate(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  let next: number;
  if (last >= 48 && last <= 57) next = last === 57 ? 48 : last + 1;
  else if ((last >= 65 && last <= 89) || (last >= 97 && last <= 121)) next = last + 1;
  else next = 65;
  return value.slice(0, -1) + String.fromCharCode(next);
}
