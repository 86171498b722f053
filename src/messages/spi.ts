/**
 * TOP SPI: requests Taobao sends to your service, signed with your app secret. The rules are those of
 * the official taobao-sdk 2.0.5 `lib/spiUtil.js`:
 *
 * - `checkSignForSpi`: no Content-Type → false; the charset comes from it (`GB…` → GBK, default
 *   UTF-8). Parameters are the query string's `k=v` pairs, plus the headers named in `top-sign-list`
 *   (the Java SDK's `SpiUtils.getHeaderMap` signs those; the Node spiUtil means to, but its
 *   `arrayConcat` reads `.length` of a plain object and so adds none of them).
 *   Keys sorted (JavaScript's default order), `sign` skipped; each value URL-decoded in the charset, and
 *   for `timestamp` its first `+` turned into a space. Signed text: secret + k1v1k2v2… + body + secret,
 *   encoded in the charset; the sign is the upper-case hex MD5 of it.
 * - `checkSpiTimestamp`: the request's `timestamp` may be at most the window old (spiUtil's
 *   `checkTimestamp(bizParams, minutes)`; a timestamp from the future passes, as there).
 *
 * Everything is computed on bytes, so a GBK request signs exactly as iconv would encode it, without a
 * charset library: URL-decoding gives the request's own bytes, which are what GBK re-encoding returns.
 * Where spiUtil would throw (no query string, malformed %-escapes) these return false. Headers named in
 * `top-sign-list` are looked up case-insensitively (Node lower-cases header names; Java's
 * `getHeader` ignores case), and a pair without `=` has the value "" (the Java SDK's `getParameter`).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { invalidRequest } from '../errors.js';
import { assertSecret } from '../signing/canonical.js';
import { parseBeijingTimestamp } from '../clock.js';

/** What an SPI check reads of a request: its URL (path and query), headers and raw body. */
export interface SpiRequest {
  /** The request target as received, e.g. `/spi/order?timestamp=…&sign=…` (a full URL works too). */
  url: string;
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>;
  /** The raw body bytes (or its text when the charset is UTF-8); none for a GET. */
  body?: Uint8Array | string | undefined;
}

/** The query parameters of an SPI request as spiUtil reads them: raw (still URL-encoded), last one wins. */
export function spiQueryParams(url: string): Map<string, string> | undefined {
  const at = url.indexOf('?');
  if (at === -1) return undefined;
  const end = url.indexOf('#', at);
  const query = url.slice(at + 1, end === -1 ? undefined : end);
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=');
    params.set(key, value);
  }
  return params;
}

/** spiUtil's `getResponseCharset`: the Content-Type's charset upper-cased, `GB…` as GBK, default UTF-8. */
export function spiCharset(contentType: string): string {
  let charset = 'UTF-8';
  for (const part of contentType.split(';')) {
    const param = part.trim();
    if (param.startsWith('charset')) charset = (param.split('=')[1] ?? '').trim().toUpperCase();
  }
  return charset.toLowerCase().startsWith('gb') ? 'GBK' : charset;
}

function header(headers: SpiRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

const isUtf8 = (charset: string): boolean => charset === 'UTF-8' || charset === 'UTF8';

/** %XX escapes to bytes, other characters as their UTF-8 bytes; undefined on a malformed escape. */
function percentDecode(text: string, charset: string): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') {
      for (const byte of Buffer.from(text[i] as string, 'utf8')) bytes.push(byte);
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  const out = Buffer.from(bytes);
  if (isUtf8(charset)) {
    // decodeURIComponent (spiUtil's decoder for UTF-8) throws on bytes that are not UTF-8.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(out);
    } catch {
      return undefined;
    }
  }
  return out;
}

function bodyBytes(body: SpiRequest['body'], charset: string): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body !== 'string') return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!isUtf8(charset) && Buffer.byteLength(body, 'utf8') !== body.length) {
    throw invalidRequest(`checkSignForSpi: pass the raw body bytes of a ${charset} request, not its text`);
  }
  return Buffer.from(body, 'utf8');
}

/** The MD5 the request should carry as `sign`, or undefined when it cannot be computed. */
export function spiSignature(request: SpiRequest, appSecret: string): string | undefined {
  assertSecret(appSecret);
  const contentType = header(request.headers, 'content-type');
  const query = spiQueryParams(request.url);
  if (!contentType || !query) return undefined;
  const charset = spiCharset(contentType);
  for (const name of (header(request.headers, 'top-sign-list') ?? '').split(',')) {
    if (name !== '') query.set(name, header(request.headers, name) ?? '');
  }
  const parts: Buffer[] = [Buffer.from(appSecret, 'utf8')];
  for (const key of [...query.keys()].sort()) {
    if (key === 'sign') continue;
    const value = percentDecode(query.get(key) as string, charset);
    if (value === undefined) return undefined;
    if (key === 'timestamp') {
      const plus = value.indexOf(0x2b);
      if (plus !== -1) value[plus] = 0x20;
    }
    parts.push(Buffer.from(key, 'utf8'), value);
  }
  parts.push(bodyBytes(request.body, charset), Buffer.from(appSecret, 'utf8'));
  return createHash('md5').update(Buffer.concat(parts)).digest('hex').toUpperCase();
}

/** spiUtil's `checkSignForSpi`: true when the request's `sign` matches. */
export function checkSignForSpi(request: SpiRequest, appSecret: string): boolean {
  const expected = spiSignature(request, appSecret);
  const given = spiQueryParams(request.url)?.get('sign');
  return expected !== undefined && given !== undefined && given === expected;
}

/**
 * spiUtil's `checkTimestamp`: the request's `timestamp` (Beijing time, `yyyy-MM-dd HH:mm:ss`) is at
 * most `maxAgeMs` old. A missing or unreadable timestamp fails.
 */
export function checkSpiTimestamp(request: Pick<SpiRequest, 'url'>, maxAgeMs: number, nowMs = Date.now()): boolean {
  const raw = spiQueryParams(request.url)?.get('timestamp');
  if (raw === undefined) return false;
  let text: string;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return false;
  }
  const at = parseBeijingTimestamp(text);
  return at !== undefined && nowMs - at <= maxAgeMs;
}
