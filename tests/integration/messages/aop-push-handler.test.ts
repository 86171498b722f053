/**
 * aopPushHandler on a real node:http server, fed by the sandbox's pushAop (which signs and retries as
 * the platform does) and by hand-made requests: tampered, replayed, stale, oversized, concurrent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { aopPushHandler, type AopPushHandlerOptions, type AopPushRejection } from '../../../src/index';
import { aopPushSignature, type AopPushMessage } from '../../../src/messages/index';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../../src/sandbox/index';

const { appKey, appSecret } = SANDBOX_DEFAULTS;

interface Endpoint {
  url: string;
  close: () => Promise<void>;
}

async function serve(handler: http.RequestListener): Promise<Endpoint> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1688/push`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('aopPushHandler', () => {
  let sandbox: Sandbox;
  let endpoint: Endpoint | undefined;
  const received: Array<AopPushMessage<{ orderId: string }>> = [];
  const rejections: AopPushRejection[] = [];
  let fail = 0;

  const start = async (extra: Partial<AopPushHandlerOptions<{ orderId: string }>> = {}) => {
    endpoint = await serve(
      aopPushHandler<{ orderId: string }>({
        appSecret,
        onMessage: async (message) => {
          if (fail > 0) {
            fail--;
            throw new Error('database down');
          }
          received.push(message);
        },
        onReject: (rejection) => rejections.push(rejection),
        ...extra,
      }),
    );
    return endpoint.url;
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
    received.length = 0;
    rejections.length = 0;
    fail = 0;
  });
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
    await sandbox.close();
  });

  it('takes a push signed by the sandbox, 64-bit ids exact, and answers 200', async () => {
    const url = await start();
    const result = await sandbox.pushAop({
      url,
      appKey,
      type: 'ORDER_BUYER_VIEW_ORDER_PAY',
      data: { orderId: 2237938826932135493n },
    });
    expect(result).toMatchObject({ delivered: true, status: 200, attempts: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      msgId: result.msgId,
      type: 'ORDER_BUYER_VIEW_ORDER_PAY',
      data: { orderId: '2237938826932135493' },
    });
  });

  it('a failing onMessage gets a 500, the sender retries, and the retry is handled', async () => {
    const url = await start();
    fail = 1;
    const result = await sandbox.pushAop({ url, appKey, type: 'T', data: {}, retryDelayMs: 10 });
    expect(result).toMatchObject({ delivered: true, attempts: 2 });
    expect(received).toHaveLength(1);
    expect(rejections).toEqual([
      expect.objectContaining({ status: 500, msgId: result.msgId, error: expect.any(Error) }),
    ]);
  });

  it('answers only after onMessage resolved', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await start({ onMessage: () => gate });
    let answered = false;
    const pushed = sandbox.pushAop({ url, appKey, type: 'T', data: {} }).then((result) => ((answered = true), result));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    release();
    expect((await pushed).status).toBe(200);
  });

  it('refuses a tampered message or signature with 401, without calling onMessage', async () => {
    const url = await start();
    const { form } = await sandbox.pushAop({ url, appKey, type: 'T', data: { orderId: 1n }, retries: 0 });
    received.length = 0;
    const tampered = new URLSearchParams({ ...form, message: form.message.replace('"orderId":1', '"orderId":2') });
    expect((await post(url, tampered.toString())).status).toBe(401);
    const badSignature = new URLSearchParams({ ...form, _aop_signature: '0'.repeat(40) });
    expect((await post(url, badSignature.toString())).status).toBe(401);
    expect((await post(url, new URLSearchParams({ message: form.message }).toString())).status).toBe(401);
    expect(received).toHaveLength(0);
    // Rejections are for logs: they never carry the signature or the secret.
    expect(JSON.stringify(rejections)).not.toContain(form._aop_signature);
    expect(JSON.stringify(rejections)).not.toContain(appSecret);
  });

  it('a replay of a handled push is answered 200 without calling onMessage again', async () => {
    const url = await start();
    const { form } = await sandbox.pushAop({ url, appKey, type: 'T', data: {} });
    const replay = await post(url, new URLSearchParams(form).toString());
    expect(replay).toEqual({ status: 200, text: 'duplicate' });
    expect(received).toHaveLength(1);
  });

  it('a stale or future push is refused with 400, even with a valid signature', async () => {
    const url = await start({ maxAgeMs: 60_000 });
    const old = await sandbox.pushAop({ url, appKey, type: 'T', data: {}, gmtBorn: Date.now() - 120_000, retries: 0 });
    const future = await sandbox.pushAop({
      url,
      appKey,
      type: 'T',
      data: {},
      gmtBorn: Date.now() + 3_600_000,
      retries: 0,
    });
    expect([old.status, future.status]).toEqual([400, 400]);
    expect(received).toHaveLength(0);
    expect(rejections.map((r) => r.reason)).toEqual([expect.stringMatching(/^stale/), 'gmtBorn is in the future']);
  });

  it('a second copy that arrives while the first is being handled gets 409, so the platform retries it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await start({ onMessage: () => gate });
    const first = sandbox.pushAop({ url, appKey, type: 'T', data: {}, msgId: 77n, retries: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await sandbox.pushAop({ url, appKey, type: 'T', data: {}, msgId: 77n, retries: 0 });
    expect(second.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
  });

  it('refuses oversized bodies with 413 before reading them, and other methods with 405', async () => {
    const url = await start({ maxBodyBytes: 1024 });
    const big = `message=${'x'.repeat(5000)}&_aop_signature=AA`;
    expect((await post(url, big)).status).toBe(413);
    expect(received).toHaveLength(0);
    const get = await fetch(url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('refuses an oversized body that declares no length (chunked) without calling onMessage', async () => {
    const url = await start({ maxBodyBytes: 1024 });
    const status = await new Promise<number>((resolve) => {
      const request = http.request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', () => resolve(-1)); // the server may cut the upload after answering
      for (let i = 0; i < 20; i++) request.write('x'.repeat(1000));
      request.end();
    });
    expect([413, -1]).toContain(status);
    expect(received).toHaveLength(0);
  });

  it('accepts a body an Express / Koa urlencoded parser already read into req.body', async () => {
    const handler = aopPushHandler({ appSecret, onMessage: (message) => void received.push(message as never) });
    const { form } = await sandbox.pushAop({ url: 'http://127.0.0.1:9/', appKey, type: 'T', data: {}, retries: 0 });
    endpoint = await serve((req, res) => {
      req.resume();
      req.on('end', () => void handler(Object.assign(req, { body: { ...form } }), res));
    });
    expect((await post(endpoint.url, 'ignored=1')).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('a malformed message with a valid signature is a 400', async () => {
    const url = await start();
    const message = '{"msgId":"not a number","gmtBorn":1,"type":"T"}';
    const body = new URLSearchParams({ message, _aop_signature: aopPushSignature(message, appSecret) });
    expect(await post(url, body.toString())).toEqual({ status: 400, text: 'msgId is missing or not an integer' });
  });
});
