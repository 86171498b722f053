/**
 * What each fault sends. Faults that damage an answer (reset, truncated-body) damage the real answer
 * the dialect would have given; the others replace it with what broken gateways and proxies send.
 */
import type { SandboxContext } from './context.js';
import type { FaultSpec } from './faults.js';
import { aopErrorReply } from './aop.js';
import { toJsonText } from './json-text.js';
import type { SandboxDialect } from './log.js';
import { oneBoundErrorBody } from './onebound.js';
import { JSON_TYPE } from './reply.js';
import { topErrorReply, topRateLimitError } from './top.js';

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The dialect's error code, when the fault is a dialect error. */
  code?: string;
}

const DEFAULT_OVERSIZED_BYTES = 11 * 1024 * 1024;

function proxyPage(status: number, text: string): FaultResponse {
  const html = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'Content-Type': 'text/html' }, body: Buffer.from(html) };
}

const json = (status: number, text: string, code?: string): FaultResponse => ({
  status,
  headers: { 'Content-Type': JSON_TYPE },
  body: Buffer.from(text),
  ...(code === undefined ? {} : { code }),
});

/** A fault answer that does not depend on the real answer. */
export function replacementFor(spec: FaultSpec, dialect: SandboxDialect, ctx: SandboxContext): FaultResponse {
  switch (spec.kind) {
    case 'http-500':
      return proxyPage(500, 'Internal Server Error');
    case 'http-502':
      return proxyPage(502, 'Bad Gateway');
    case 'http-503':
      return proxyPage(503, 'Service Temporarily Unavailable');
    case 'http-429': {
      const page = proxyPage(429, 'Too Many Requests');
      page.headers['Retry-After'] = String(spec.retryAfterSeconds ?? 1);
      return page;
    }
    case 'malformed-json':
      // Looks like JSON, is not: single quotes and a trailing comma, as a broken proxy rewrites it.
      return json(200, `{"success":true,"productInfo":{"productID":610947572360,'subject':'厂家直销',}}`);
    case 'html-200': {
      const html =
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问受限</title></head>' +
        '<body><h1>亲，访问受限了</h1><p>系统繁忙，请稍后再试。</p></body></html>';
      return { status: 200, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body: Buffer.from(html) };
    }
    case 'empty-body':
      return json(200, '');
    case 'oversized-body': {
      const bytes = Math.max(32, Math.floor(spec.bytes ?? DEFAULT_OVERSIZED_BYTES));
      const head = Buffer.from('{"padding":"');
      const tail = Buffer.from('"}');
      const body = Buffer.alloc(bytes, 'x');
      head.copy(body, 0);
      tail.copy(body, bytes - tail.length);
      return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body };
    }
    case 'wrong-envelope':
      return json(200, toJsonText({ status: 'ok', data: { message: 'an envelope no gateway sends' } }));
    case 'rate-limit-error':
      return dialectRateLimit(spec, dialect, ctx);
    case 'service-error':
      return dialectServiceError(dialect, ctx);
    default:
      // latency, reset, truncated-body and hang are handled by the server around the real answer.
      return proxyPage(500, 'Internal Server Error');
  }
}

function dialectRateLimit(spec: FaultSpec, dialect: SandboxDialect, ctx: SandboxContext): FaultResponse {
  const ban = Math.max(1, Math.ceil(spec.banSeconds ?? 1));
  if (dialect === 'top') {
    const reply = topErrorReply(ctx, topRateLimitError(ban), {});
    return json(reply.status, reply.body, reply.code);
  }
  if (dialect === 'aop') {
    const reply = aopErrorReply(ctx, 'gw.QosRequestLimit', `The request has exceeded the limit, retry in ${ban} s`, {});
    return json(reply.status, reply.body, reply.code);
  }
  return json(200, toJsonText({ ...oneBoundErrorBody('4008', 'rate-limit'), request_id: ctx.requestId() }), '4008');
}

function dialectServiceError(dialect: SandboxDialect, ctx: SandboxContext): FaultResponse {
  if (dialect === 'top') {
    const error = {
      code: 15,
      msg: 'Remote service error',
      sub_code: 'isp.top-remote-connection-timeout',
      sub_msg: '远程服务调用超时',
    };
    const reply = topErrorReply(ctx, error, {});
    return json(reply.status, reply.body, reply.code);
  }
  if (dialect === 'aop') {
    const reply = aopErrorReply(ctx, 'gw.ServiceUnavailable', 'the service is temporarily unavailable', {});
    return json(reply.status, reply.body, reply.code);
  }
  return json(200, toJsonText({ ...oneBoundErrorBody('5000', 'unknown-error'), request_id: ctx.requestId() }), '5000');
}
