/**
 * The request body of a webhook, size-limited, for a `node:http` request as it arrives and for one a
 * framework has already read: Express and Koa body parsers leave `req.body` as an object (urlencoded)
 * or a Buffer / string (raw, text). A body over the limit is refused from its Content-Length when it
 * declares one, else as soon as the limit is passed, without reading the rest.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'fields'; fields: Record<string, unknown> }
  | { kind: 'too-large' }
  | { kind: 'unreadable'; reason: string };

/** Node's request, as Express / Koa / Fastify's `request.raw` hand it over, maybe with a parsed body. */
export type WebhookRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

export function readRequestBody(req: WebhookRequest, limit: number): Promise<BodyRead> {
  const parsed = req.rawBody ?? req.body;
  if (Buffer.isBuffer(parsed) || parsed instanceof Uint8Array) return sized(Buffer.from(parsed), limit);
  if (typeof parsed === 'string') return sized(Buffer.from(parsed, 'utf8'), limit);
  if (parsed !== null && typeof parsed === 'object') {
    return Promise.resolve({ kind: 'fields', fields: parsed as Record<string, unknown> });
  }
  if (req.readableEnded || req.destroyed) {
    return Promise.resolve({ kind: 'unreadable', reason: 'the request body was already read and not kept' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading: the reply closes the connection, so the rest is never received.
        req.pause();
        settle({ kind: 'too-large' });
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle({ kind: 'bytes', bytes: Buffer.concat(chunks) }));
    req.once('error', (error) => settle({ kind: 'unreadable', reason: error.message }));
    req.once('close', () => settle({ kind: 'unreadable', reason: 'the client went away' }));
  });
}

function sized(bytes: Buffer, limit: number): Promise<BodyRead> {
  return Promise.resolve(bytes.length > limit ? { kind: 'too-large' } : { kind: 'bytes', bytes });
}

/** The fields of a url-encoded form body (a field sent twice is reported in `repeated`). */
export function formFields(bytes: Buffer): { fields: Record<string, string>; repeated: string[] } {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const repeated: string[] = [];
  for (const [key, value] of new URLSearchParams(bytes.toString('utf8'))) {
    if (Object.prototype.hasOwnProperty.call(fields, key)) repeated.push(key);
    else fields[key] = value;
  }
  return { fields, repeated };
}

/** A short plain-text answer. A 413 also closes the connection, so the unread body is dropped with it. */
export function reply(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    ...(status === 413 ? { Connection: 'close' } : {}),
    ...headers,
  });
  res.end(body);
}
