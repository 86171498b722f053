/**
 * `spiHandler`: a `node:http` handler for TOP SPI requests that checks them as the official spiUtil
 * does (spi.ts) before `onRequest` sees them. A request with a wrong or missing `sign`, or a
 * `timestamp` older than `maxAgeMs`, never reaches `onRequest`: it gets `rejectReply` — by default
 * HTTP 401 with `{"success":false,"errorCode":"sign-check-failure","errorMsg":"Illegal request"}`,
 * the code and text ISV SPI endpoints answer a failed check with (e.g. the Qimen SPI servers in public
 * code) — since each SPI defines its own body, pass your own for yours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest } from '../errors.js';
import { readRequestBody, reply, type WebhookRequest } from './http-body.js';
import { checkSignForSpi, checkSpiTimestamp, spiQueryParams } from './spi.js';

/** A verified SPI request. */
export interface SpiCall {
  method: string;
  /** Query parameters, URL-decoded (UTF-8). */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What to answer: a string is sent as it is, anything else as JSON. */
export interface SpiReply {
  status?: number;
  contentType?: string;
  body: unknown;
}

/** The options of `spiHandler`. */
export interface SpiHandlerOptions {
  appSecret: string;
  /** Handles a verified request; what it returns is the answer. */
  onRequest: (call: SpiCall) => SpiReply | Promise<SpiReply>;
  /** The oldest `timestamp` accepted (default 10 min, TOP's gateway tolerance). */
  maxAgeMs?: number;
  /** The largest body read (default 1 MiB). */
  maxBodyBytes?: number;
  /** The answer to a request that fails a check. */
  rejectReply?: (reason: 'sign' | 'timestamp') => SpiReply;
  /** The clock (default Date.now). */
  now?: () => number;
}

const DEFAULT_REJECT: SpiReply = {
  status: 401,
  body: { success: false, errorCode: 'sign-check-failure', errorMsg: 'Illegal request' },
};

/** A `node:http` handler that checks SPI requests as spiUtil does before `onRequest` sees them. */
export function spiHandler(options: SpiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (typeof options?.appSecret !== 'string' || options.appSecret === '')
    throw invalidRequest('spiHandler: appSecret is required');
  if (typeof options.onRequest !== 'function') throw invalidRequest('spiHandler: onRequest must be a function');
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const rejectReply = options.rejectReply ?? (() => DEFAULT_REJECT);

  return async (req, res) => {
    const read = await readRequestBody(req as WebhookRequest, maxBodyBytes);
    if (read.kind === 'too-large') return reply(res, 413, `body over ${maxBodyBytes} bytes`);
    // The signature covers the raw body: a body a framework already parsed into fields cannot be checked.
    if (read.kind !== 'bytes') return send(res, rejectReply('sign'));
    const url = req.url ?? '/';
    const request = { url, headers: req.headers, body: read.bytes };
    if (!checkSignForSpi(request, options.appSecret)) return send(res, rejectReply('sign'));
    if (!checkSpiTimestamp(request, maxAgeMs, now())) return send(res, rejectReply('timestamp'));
    let answer: SpiReply;
    try {
      answer = await options.onRequest({
        method: req.method ?? 'GET',
        params: decodedParams(url),
        headers: req.headers,
        body: read.bytes,
      });
    } catch {
      return reply(res, 500, 'the SPI handler failed');
    }
    send(res, answer);
  };
}

function decodedParams(url: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of spiQueryParams(url) ?? []) {
    try {
      params[key] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      params[key] = value;
    }
  }
  return params;
}

function send(res: ServerResponse, answer: SpiReply): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type =
    answer.contentType ??
    (typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  const body = Buffer.from(text, 'utf8');
  res.writeHead(answer.status ?? 200, { 'Content-Type': type, 'Content-Length': String(body.length) });
  res.end(body);
}
