/**
 * startSandbox: the local gateway over node:http on 127.0.0.1. One request goes: read (≤ 1 MB) →
 * route to a dialect → faults (latency first, then a replacing fault if one fires) → the dialect's
 * checks and answer → one log entry. Nothing a client sends can crash it: every failure becomes the
 * dialect's error or, for broken HTTP, a 400 from the parser hook.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleAop } from './aop.js';
import { AppRegistry } from './apps.js';
import { Catalogue } from './catalogue.js';
import { SandboxClock } from './clock.js';
import type { SandboxContext } from './context.js';
import { replacementFor, type FaultResponse } from './fault-replies.js';
import { FaultController } from './faults.js';
import { DEFAULT_LIMITS, SlidingWindowLimiter } from './limits.js';
import { RequestLog, type SandboxDialect, type SandboxLogEntry } from './log.js';
import { OAuthStore } from './oauth.js';
import { handleOneBound } from './onebound.js';
import { hash32 } from './random.js';
import { JSON_TYPE, type IncomingCall, type Reply } from './reply.js';
import { parseParams, readBody } from './request.js';
import { apiOf, AUTHORIZE_PATH, claimedAppKey, dialectOf, TOP_PATH } from './router.js';
import { computeStats } from './stats.js';
import { handleTop } from './top.js';
import { toJsonText } from './json-text.js';
import { pushSender } from './push-sender.js';
import { createTmc, TMC_PATH } from './tmc.js';
import type { Sandbox, SandboxOptions } from './types.js';
import { loadFixtures } from './user-fixtures.js';

export type { Sandbox, SandboxOptions } from './types.js';

function highResNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Starts the local TOP / AOP / OneBound gateway on 127.0.0.1 (a free port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1688;
  // First: a bad fixture file fails the start before a port or a timer is taken.
  const { replay, user } = await loadFixtures(options.fixtures);
  const clock = new SandboxClock(options.clock);
  const apps = new AppRegistry(options.apps ?? [], options.limits);
  const limiter = new SlidingWindowLimiter((appKey) => apps.get(appKey)?.limits);
  const oauth = new OAuthStore(seed, apps, clock, options.tokenTtlMs);
  const faults = new FaultController(seed, options.faults ?? []);
  const log = new RequestLog(options.logLimit);
  const tmc = await createTmc(apps, clock, options.tmc?.redeliveryMs);
  let requestCounter = 0;
  const ctx: SandboxContext = {
    apps,
    limiter,
    catalogue: new Catalogue(seed, options.shops ?? [], user),
    replay,
    oauth,
    clock,
    oneBoundCalls: new Map(),
    requestId: () => {
      requestCounter++;
      return hash32(seed, requestCounter, 7).toString(36) + requestCounter.toString(36);
    },
  };
  const windowLengths = (): [number, number] => {
    const first = apps.all().find((a) => a.limits)?.limits;
    return [first?.qpsWindowMs ?? 1000, first?.perMinuteWindowMs ?? 60_000];
  };

  let closed = false;
  // Pending latency delays: close() cancels them so that no timer outlives the sandbox.
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A bug in a handler must not take the gateway down: answer 500 if still possible.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE });
        res.end('{"error":"internal sandbox error"}');
      }
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => tmc.endpoint.upgrade(req, socket, head));

  function record(
    entry: Omit<SandboxLogEntry, 'appKey' | 'api'> & { appKey?: string | undefined; api?: string | undefined },
  ) {
    const clean: SandboxLogEntry = { ...entry } as SandboxLogEntry;
    if (clean.appKey === undefined) delete clean.appKey;
    if (clean.api === undefined) delete clean.api;
    if (clean.code === undefined) delete clean.code;
    if (clean.fault === undefined) delete clean.fault;
    log.add(clean);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivalMs = highResNow();
    const seq = log.takeSeq();
    const clockMs = clock.limiterTime(arrivalMs);
    res.on('error', () => undefined);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = new URL('http://127.0.0.1/');
    }
    const path = url.pathname;
    const dialect = dialectOf(path);
    const { body, tooLarge } = await readBody(req);
    const parsed = parseParams(url.search, req.headers['content-type'], body, dialect === 'onebound');
    const call: IncomingCall = {
      httpMethod: req.method ?? 'GET',
      path,
      params: parsed.params,
      duplicateKeys: parsed.duplicateKeys,
      tooLarge,
      badBody: parsed.badBody,
      clockMs,
    };
    const api = apiOf(dialect, path, call.params);
    const claimed = claimedAppKey(dialect, path, call.params);
    const appKey = apps.get(claimed) ? claimed : undefined;
    const base = { seq, arrivalMs, clockMs, dialect, api, appKey };

    const pick = faults.pick(dialect, api);
    if (pick.latency) {
      const delayMs = pick.latency.latencyMs ?? 200;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delayMs);
        timers.add(timer);
      });
    }
    if (closed || res.destroyed) {
      // The client gave up during the added latency: the request still arrived, so it is logged.
      record({ ...base, outcome: 'fault', status: 0, fault: 'latency' });
      return;
    }
    const replace = pick.replace;
    if (replace?.kind === 'hang') {
      // Never answer: the client gives up (or close() ends the socket).
      record({ ...base, outcome: 'fault', status: 0, fault: 'hang' });
      return;
    }
    if (replace && replace.kind !== 'reset' && replace.kind !== 'truncated-body') {
      const fault = replacementFor(replace, dialect, ctx);
      send(res, fault);
      record({ ...base, outcome: 'fault', status: fault.status, fault: replace.kind, code: fault.code });
      return;
    }

    const reply = dispatch(dialect, call);
    const response: FaultResponse = {
      status: reply.status,
      headers: { 'Content-Type': reply.contentType ?? JSON_TYPE, ...reply.headers },
      body: Buffer.from(reply.body),
    };
    const entry = {
      ...base,
      appKey: reply.appKey ?? appKey,
      api: reply.api ?? api,
      code: reply.code,
    };
    if (replace?.kind === 'reset') {
      // Headers and half the body, then a TCP reset: the client sees the connection break mid-response.
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(response.body.length) });
      res.write(response.body.subarray(0, Math.floor(response.body.length / 2)), () => {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void };
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
      });
      record({ ...entry, outcome: 'fault', status: 0, fault: 'reset' });
      return;
    }
    if (replace?.kind === 'truncated-body') {
      // A complete HTTP response whose JSON stops halfway.
      const half = response.body.subarray(0, Math.floor(response.body.length / 2));
      send(res, { ...response, body: half });
      record({ ...entry, outcome: 'fault', status: response.status, fault: 'truncated-body' });
      return;
    }
    send(res, response);
    record({ ...entry, outcome: reply.outcome, status: reply.status, fault: pick.latency ? 'latency' : undefined });
  }

  function dispatch(dialect: SandboxDialect, call: IncomingCall): Reply {
    try {
      if (dialect === 'top') return handleTop(ctx, call);
      if (dialect === 'aop') return call.path === AUTHORIZE_PATH ? authorize(call) : handleAop(ctx, call);
      if (dialect === 'onebound') return handleOneBound(ctx, call);
      const hint = `no gateway at this path: use ${TOP_PATH}, /openapi/param2/1/<namespace>/<api>/<appKey> or /1688/<api_name>/`;
      return { status: 404, body: toJsonText({ error: 'not-found', message: hint }), outcome: 'error', code: '404' };
    } catch {
      return { status: 500, body: '{"error":"internal sandbox error"}', outcome: 'error', code: 'internal' };
    }
  }

  /** GET /oauth/authorize: the 1688 consent page, always consenting; redirects with a code. */
  function authorize(call: IncomingCall): Reply {
    const app = apps.get(call.params.client_id);
    if (!app) {
      return { status: 400, body: toJsonText({ error: 'invalid_client' }), outcome: 'error', code: 'invalid_client' };
    }
    const code = oauth.issueCode(app.appKey);
    const redirect = call.params.redirect_uri;
    let location: URL | undefined;
    try {
      location = redirect ? new URL(redirect) : undefined;
    } catch {
      location = undefined;
    }
    const fields = { outcome: 'ok' as const, appKey: app.appKey, api: 'oauth/authorize' };
    if (!location) return { status: 200, body: toJsonText({ code, state: call.params.state ?? '' }), ...fields };
    location.searchParams.set('code', code);
    if (call.params.state !== undefined) location.searchParams.set('state', call.params.state);
    return { status: 302, body: '', headers: { Location: location.toString() }, ...fields };
  }

  function send(res: ServerResponse, response: FaultResponse): void {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(response.status, {
      ...response.headers,
      'Content-Length': String(response.body.length),
      // The gateway's clock, offset included: clients learn their skew from it.
      Date: new Date(clock.now()).toUTCString(),
    });
    res.end(response.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    urls: {
      top: `${url}${TOP_PATH}`,
      aop: `${url}/openapi/`,
      onebound: `${url}/`,
      tmc: `ws://127.0.0.1:${port}${TMC_PATH}`,
    },
    port,
    get log() {
      return log.entries;
    },
    stats: () => computeStats(log.entries, (appKey) => apps.get(appKey)?.limits ?? DEFAULT_LIMITS, ...windowLengths()),
    reset: () => {
      log.clear();
      limiter.reset();
      faults.clear();
      ctx.oneBoundCalls.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        tmc.endpoint.close();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    publishMessage: tmc.publishMessage,
    messageStatus: tmc.messageStatus,
    tmc: tmc.tmc,
    pushAop: pushSender(apps, clock),
    oauth: { issueCode: (appKey) => oauth.issueCode(appKey ?? apps.all()[0]!.appKey) },
    clock: { now: () => clock.now(), setOffsetMs: (offsetMs) => clock.setOffsetMs(offsetMs) },
  };
}
