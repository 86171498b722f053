import { startSandbox, type FaultSpec, type Sandbox } from '../../../src/sandbox';
import { aopParams, aopPath, DEMO, form, http, topParams } from './http';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ limits: false, seed: 7 });
});
afterAll(() => sb.close());
afterEach(() => sb.reset());

const topUrl = () =>
  `${sb.urls.top}?${new URLSearchParams(topParams({ method: 'alibaba.item.get', item_id: '610947572360' }))}`;
const obUrl = () => `${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=610947572360`;
function aopRequest() {
  const path = aopPath('com.alibaba.product/alibaba.product.get');
  return { url: sb.urls.aop + path, options: form(aopParams(path, { productID: '610947572360' })) };
}

/** Injects one fault for the next request, sends a TOP call, and returns what a plain client saw. */
async function once(spec: Omit<FaultSpec, 'count'>, timeoutMs?: number) {
  sb.faults.inject({ ...spec, count: 1 });
  return http(topUrl(), timeoutMs === undefined ? {} : { timeoutMs });
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('every fault kind, seen from a plain HTTP client', () => {
  it('latency delays the normal answer', async () => {
    const started = performance.now();
    const answer = await once({ kind: 'latency', latencyMs: 250 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(JSON.parse(answer.text).alibaba_item_get_response).toBeDefined();
    expect(sb.log[0]).toMatchObject({ outcome: 'ok', fault: 'latency' });
  });

  it('latency: a client that gives up during the delay is still in the log', async () => {
    await expect(once({ kind: 'latency', latencyMs: 300 }, 50)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sb.log).toHaveLength(1);
    expect(sb.log[0]).toMatchObject({ outcome: 'fault', fault: 'latency', status: 0 });
  });

  it.each([
    ['http-500', 500],
    ['http-502', 502],
    ['http-503', 503],
  ] as const)('%s answers HTTP %i with a proxy page', async (kind, status) => {
    const answer = await once({ kind });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/text\/html/);
    expect(sb.log[0]).toMatchObject({ outcome: 'fault', fault: kind, status });
  });

  it('http-429 carries Retry-After', async () => {
    const answer = await once({ kind: 'http-429', retryAfterSeconds: 7 });
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('7');
  });

  it('reset breaks the connection in the middle of the body', async () => {
    await expect(once({ kind: 'reset' })).rejects.toThrow(/ECONNRESET|socket hang up|aborted/);
    expect(sb.log[0]).toMatchObject({ outcome: 'fault', fault: 'reset', status: 0 });
  });

  it('malformed-json is HTTP 200 with a body JSON.parse refuses', async () => {
    const answer = await once({ kind: 'malformed-json' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/json/);
    expect(parses(answer.text)).toBe(false);
  });

  it('html-200 is an HTML page with status 200', async () => {
    const answer = await once({ kind: 'html-200' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/text\/html/);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('empty-body is HTTP 200 with nothing in it', async () => {
    const answer = await once({ kind: 'empty-body' });
    expect([answer.status, answer.bytes]).toEqual([200, 0]);
  });

  it('truncated-body is a complete response whose JSON stops halfway', async () => {
    const full = await http(topUrl());
    const answer = await once({ kind: 'truncated-body' });
    expect(answer.status).toBe(200);
    expect(answer.bytes).toBe(Math.floor(full.bytes / 2));
    expect(parses(answer.text)).toBe(false);
  });

  it('oversized-body sends as many bytes as asked, as valid JSON', async () => {
    const answer = await once({ kind: 'oversized-body', bytes: 3 * 1024 * 1024 });
    expect(answer.bytes).toBe(3 * 1024 * 1024);
    expect(Number(answer.headers['content-length'])).toBe(3 * 1024 * 1024);
    expect(parses(answer.text)).toBe(true);
  });

  it('wrong-envelope is valid JSON that no dialect would send', async () => {
    const body = JSON.parse((await once({ kind: 'wrong-envelope' })).text);
    expect(body.alibaba_item_get_response).toBeUndefined();
    expect(body.error_response).toBeUndefined();
    expect(body.error_code).toBeUndefined();
  });

  it('rate-limit-error is each dialect’s own rate-limit error', async () => {
    const top = JSON.parse((await once({ kind: 'rate-limit-error', banSeconds: 12 })).text);
    expect(top.error_response).toMatchObject({ code: 7, sub_msg: 'This ban will last for 12 more seconds' });
    sb.faults.inject({ kind: 'rate-limit-error', count: 1 });
    const { url, options } = aopRequest();
    const aop = await http(url, options);
    expect([aop.status, JSON.parse(aop.text).error_code]).toEqual([429, 'gw.QosRequestLimit']);
    sb.faults.inject({ kind: 'rate-limit-error', count: 1 });
    expect(JSON.parse((await http(obUrl())).text).error_code).toBe('4008');
  });

  it('service-error is TOP 15 with an isp.* sub-code, AOP 503, OneBound 5000', async () => {
    const top = JSON.parse((await once({ kind: 'service-error' })).text);
    expect(top.error_response.code).toBe(15);
    expect(top.error_response.sub_code).toMatch(/^isp\./);
    sb.faults.inject({ kind: 'service-error', count: 1 });
    const { url, options } = aopRequest();
    expect((await http(url, options)).status).toBe(503);
    sb.faults.inject({ kind: 'service-error', count: 1 });
    expect(JSON.parse((await http(obUrl())).text).error_code).toBe('5000');
  });

  it('hang never answers: the client gives up, and the sandbox still serves the next request', async () => {
    await expect(once({ kind: 'hang' }, 300)).rejects.toThrow('client timeout');
    expect(sb.log[0]).toMatchObject({ outcome: 'fault', fault: 'hang' });
    expect(JSON.parse((await http(topUrl())).text).alibaba_item_get_response).toBeDefined();
  });
});

describe('fault selection', () => {
  it('count: the next N matching requests, then normal answers', async () => {
    sb.faults.inject({ kind: 'http-503', count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await http(topUrl())).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(sb.faults.list()).toEqual([]);
  });

  it('dialect and api narrow a fault to matching requests', async () => {
    sb.faults.inject({ kind: 'http-502', dialect: 'onebound', api: 'item_get_pro' });
    expect((await http(topUrl())).status).toBe(200);
    expect((await http(obUrl())).status).toBe(200); // item_get, not item_get_pro
    expect((await http(obUrl().replace('item_get', 'item_get_pro'))).status).toBe(502);
  });

  it('probability: reproducible from the seed', async () => {
    const run = async () => {
      const s = await startSandbox({ limits: false, seed: 42, faults: [{ kind: 'http-500', probability: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await http(`${s.urls.onebound}1688/item_get/?key=x`)).status);
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(2);
    expect(failed).toBeLessThan(18);
  });

  it('reset() and clear() switch every fault off; a bad spec is refused', async () => {
    sb.faults.inject({ kind: 'http-500' });
    sb.faults.clear();
    expect((await http(topUrl())).status).toBe(200);
    expect(() => sb.faults.inject({ kind: 'explode' } as unknown as FaultSpec)).toThrow(/fault kind/);
    expect(() => sb.faults.inject({ kind: 'http-500', probability: 2 })).toThrow(/probability/);
  });
});
