/**
 * `aopPushHandler`: the endpoint 1688 POSTs its push messages to, as a `(req, res)` handler for
 * `node:http` that also plugs into Express (`app.post(path, handler)`), Koa (`handler(ctx.req,
 * ctx.res)` with `ctx.respond = false`) and Fastify (`handler(request.raw, reply.raw)` after
 * `reply.hijack()`). The answers, in the order they are decided:
 *
 *   405 not a POST · 413 body over `maxBodyBytes` · 401 signature missing or wrong (checked in
 *   constant time) · 400 malformed form or message, or `gmtBorn` older than `maxAgeMs` (or from the
 *   future) · 200 a copy already handled (dedupe) · 409 a copy being handled right now · 500 onMessage
 *   failed · 200 onMessage resolved
 *
 * Only a 200 tells the platform to stop: anything else makes it retry, which is what a failed handler
 * wants. `onMessage` is called only for a verified, fresh message, and at most once per `msgId` with a
 * dedupe store (an in-memory one unless told otherwise).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest } from '../errors.js';
import { type AopPushMessage, parseAopPush, verifyAopPush } from './aop-push.js';
import { type Dedupe, memoryDedupe } from './dedupe.js';
import { formFields, readRequestBody, reply, type WebhookRequest } from './http-body.js';

/** Why a push was refused, for logs (never carries the signature or the secret). */
export interface AopPushRejection {
  status: number;
  reason: string;
  msgId?: string;
  /** What onMessage threw (status 500); it is not sent to the platform. */
  error?: unknown;
}

/** The options of `aopPushHandler`: the secret, the message handler, and the limits a push must meet. */
export interface AopPushHandlerOptions<T = unknown> {
  appSecret: string;
  /** Handles one message; the platform gets its 200 once this resolves. */
  onMessage: (message: AopPushMessage<T>) => unknown;
  /** A message whose `gmtBorn` is older than this is refused with 400 (default 24 h). */
  maxAgeMs?: number;
  /** How far `gmtBorn` may be ahead of this host's clock (default 5 min). */
  maxClockSkewMs?: number;
  /** The largest body read (default 64 KiB). */
  maxBodyBytes?: number;
  /** Remembers handled `msgId`s (default: `memoryDedupe()`); `false` to call onMessage for every copy. */
  dedupe?: Dedupe | false;
  /** Called for every push that is not answered 200. */
  onReject?: (rejection: AopPushRejection) => void;
  /** The clock (default Date.now). */
  now?: () => number;
}

/** A node:http request handler; resolves once the answer is written. */
export type PushRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The 1688 push endpoint as a `(req, res)` handler (see the file comment for the answers it gives).
 * Throws `InvalidRequestError` at once for a missing secret or handler.
 */
export function aopPushHandler<T = unknown>(options: AopPushHandlerOptions<T>): PushRequestHandler {
  if (typeof options?.appSecret !== 'string' || options.appSecret === '') {
    throw invalidRequest('aopPushHandler: appSecret is required');
  }
  if (typeof options.onMessage !== 'function') throw invalidRequest('aopPushHandler: onMessage must be a function');
  const maxAgeMs = options.maxAgeMs ?? 24 * 3600_000;
  const skewMs = options.maxClockSkewMs ?? 5 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  for (const [name, value] of Object.entries({ maxAgeMs, maxClockSkewMs: skewMs, maxBodyBytes })) {
    if (!(value > 0)) throw invalidRequest(`aopPushHandler: ${name} must be a positive number`);
  }
  const dedupe = options.dedupe === false ? undefined : (options.dedupe ?? memoryDedupe({ ttlMs: maxAgeMs + skewMs }));
  const now = options.now ?? Date.now;

  return async (req, res) => {
    const refuse = (status: number, reason: string, msgId?: string, error?: unknown): void => {
      options.onReject?.({
        status,
        reason,
        ...(msgId === undefined ? {} : { msgId }),
        ...(error === undefined ? {} : { error }),
      });
      reply(res, status, reason, status === 405 ? { Allow: 'POST' } : {});
    };
    if (req.method !== 'POST') return refuse(405, 'push messages are POSTed');
    const body = await readRequestBody(req as WebhookRequest, maxBodyBytes);
    if (body.kind === 'too-large') return refuse(413, `body over ${maxBodyBytes} bytes`);
    if (body.kind === 'unreadable') return refuse(400, body.reason);
    const form = body.kind === 'fields' ? { fields: body.fields, repeated: [] } : formFields(body.bytes);
    if (form.repeated.length > 0) return refuse(400, `field sent twice: ${form.repeated.join(', ')}`);
    const message = form.fields.message;
    const signature = form.fields._aop_signature;
    if (typeof signature !== 'string' || signature === '') return refuse(401, 'no _aop_signature');
    if (typeof message !== 'string') return refuse(400, 'no message field');
    if (!verifyAopPush({ message, _aop_signature: signature }, options.appSecret)) {
      return refuse(401, 'bad signature');
    }
    const parsed = parseAopPush<T>(message);
    if (typeof parsed === 'string') return refuse(400, parsed);
    const ageMs = now() - parsed.gmtBorn.getTime();
    if (ageMs > maxAgeMs) return refuse(400, `stale: gmtBorn is ${Math.round(ageMs / 1000)} s old`, parsed.msgId);
    if (ageMs < -skewMs) return refuse(400, 'gmtBorn is in the future', parsed.msgId);

    const state = dedupe ? await dedupe.begin(parsed.msgId) : 'new';
    if (state === 'done') return reply(res, 200, 'duplicate');
    if (state === 'processing') return refuse(409, 'this message is being handled', parsed.msgId);
    try {
      await options.onMessage(parsed);
    } catch (error) {
      await dedupe?.abandon(parsed.msgId);
      return refuse(500, 'onMessage failed', parsed.msgId, error);
    }
    await dedupe?.complete(parsed.msgId);
    reply(res, 200, 'ok');
  };
}
