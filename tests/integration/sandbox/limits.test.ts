import { Agent } from 'node:http';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { aopParams, aopPath, DEMO, form, http, topParams } from './http';

// A frozen, hand-moved clock for the limit windows: the tests stay exact under any CPU load.
let t = Date.now();
const clock = { now: () => t };
let sb: Sandbox;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

afterEach(() => sb?.close());
afterAll(() => agent.destroy());

async function topCall(appKey = DEMO.appKey, secret = DEMO.secret) {
  const params = topParams({ method: 'alibaba.item.get', item_id: '610947572360' }, { appKey, secret });
  const answer = await http(sb.urls.top, { ...form(params), agent });
  return JSON.parse(answer.text) as { error_response?: { code: number; sub_code?: string; sub_msg?: string } };
}

describe('sliding-window limits per app key', () => {
  it('a burst of 150 at perMinute 100 gets exactly 100 successes, the rest code 7', async () => {
    t = Date.now();
    sb = await startSandbox({ limits: { qps: 1000, perMinute: 100 }, clock });
    const answers = await Promise.all(Array.from({ length: 150 }, () => topCall()));
    const ok = answers.filter((a) => !a.error_response);
    const limited = answers.filter((a) => a.error_response?.code === 7);
    expect(ok).toHaveLength(100);
    expect(limited).toHaveLength(50);
    expect(limited[0]!.error_response).toMatchObject({
      sub_code: 'accesscontrol.limited-by-app-access-count',
      sub_msg: 'This ban will last for 60 more seconds',
    });
    const stats = sb.stats();
    expect(stats.byApp[DEMO.appKey]).toMatchObject({
      total: 150,
      ok: 100,
      rateLimited: 50,
      maxOkInMinuteWindow: 100,
      overPerMinute: 50,
      overQps: 0,
    });
    expect(stats.maxInMinuteWindow).toBe(150);
    expect(sb.log.filter((e) => e.outcome === 'rate-limited')).toHaveLength(50);

    // The window slides: one ms before the first admitted request leaves, still closed; then open again.
    t += 59_999;
    expect((await topCall()).error_response?.code).toBe(7);
    t += 1;
    const again = await Promise.all(Array.from({ length: 101 }, () => topCall()));
    expect(again.filter((a) => !a.error_response)).toHaveLength(100);
  });

  it('is a true sliding window, not a fixed bucket', async () => {
    // Not on a second boundary, and near the real time: the injected clock is also the one the
    // timestamp check uses.
    t = Math.floor(Date.now() / 1000) * 1000 + 500;
    const start = t;
    sb = await startSandbox({ limits: { qps: 10, perMinute: 1000 }, clock });
    const at = async (ms: number, n: number) => {
      t = start + ms;
      const out = [];
      for (let i = 0; i < n; i++) out.push(await topCall());
      return out.filter((a) => !a.error_response).length;
    };
    expect(await at(0, 5)).toBe(5);
    expect(await at(600, 5)).toBe(5);
    expect(await at(900, 1)).toBe(0);
    expect(await at(1000, 6)).toBe(5); // only the 5 from t=0 have left (t - 1000, t]
    expect(await at(1599, 1)).toBe(0);
    expect(await at(1600, 6)).toBe(5);
    expect(sb.stats().byApp[DEMO.appKey]!.maxOkInQpsWindow).toBe(10);
  });

  it('counts each app key on its own', async () => {
    t = Date.now();
    sb = await startSandbox({
      limits: { qps: 3, perMinute: 100 },
      clock,
      apps: [
        { appKey: 'a', appSecret: 'sa' },
        { appKey: 'b', appSecret: 'sb', limits: { qps: 1 } },
      ],
    });
    const a = await Promise.all(Array.from({ length: 5 }, () => topCall('a', 'sa')));
    const b = await Promise.all(Array.from({ length: 5 }, () => topCall('b', 'sb')));
    expect(a.filter((x) => !x.error_response)).toHaveLength(3);
    expect(b.filter((x) => !x.error_response)).toHaveLength(1);
  });

  it('answers over-limit AOP and OneBound requests with their own rate-limit errors', async () => {
    t = Date.now();
    sb = await startSandbox({ limits: { qps: 1, perMinute: 100 }, clock });
    const path = aopPath('com.alibaba.product/alibaba.product.get');
    const aop = () => http(sb.urls.aop + path, form(aopParams(path, { productID: '610947572360' })));
    expect((await aop()).status).toBe(200);
    const limited = await aop();
    expect([limited.status, JSON.parse(limited.text).error_code]).toEqual([429, 'gw.QosAppFrequencyLimit']);
    const ob = await http(`${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=1`);
    expect(JSON.parse(ob.text).error_code).toBe('4008');
    expect(sb.log.map((e) => e.outcome)).toEqual(['ok', 'rate-limited', 'rate-limited']);
  });

  it('limits: false turns them off; reset() empties the windows and the log', async () => {
    t = Date.now();
    sb = await startSandbox({ limits: { qps: 2, perMinute: 100 }, clock });
    await topCall();
    await topCall();
    expect((await topCall()).error_response?.code).toBe(7);
    sb.reset();
    expect(sb.log).toHaveLength(0);
    expect((await topCall()).error_response).toBeUndefined();
    await sb.close();
    sb = await startSandbox({ limits: false, clock });
    const answers = await Promise.all(Array.from({ length: 30 }, () => topCall()));
    expect(answers.every((a) => !a.error_response)).toBe(true);
    // Without limits the log still tells how far the client went over the default 10/s.
    expect(sb.stats().byApp[DEMO.appKey]).toMatchObject({ maxInQpsWindow: 30, overQps: 20 });
  });
});

describe('request log', () => {
  it('records arrival (high resolution), app key, dialect, API and outcome, never a secret', async () => {
    sb = await startSandbox({ limits: false });
    await topCall();
    await http(`${sb.urls.onebound}1688/item_get/?key=${DEMO.appKey}&secret=${DEMO.secret}&num_iid=1`);
    await http(`${sb.url}/nowhere`);
    const [top, ob, unknown] = sb.log;
    expect(top).toMatchObject({
      seq: 1,
      appKey: DEMO.appKey,
      dialect: 'top',
      api: 'alibaba.item.get',
      outcome: 'ok',
      status: 200,
    });
    expect(ob).toMatchObject({ seq: 2, dialect: 'onebound', api: 'item_get', outcome: 'error', code: '2000' });
    expect(unknown).toMatchObject({ seq: 3, dialect: 'unknown', outcome: 'error', status: 404 });
    expect(top!.arrivalMs).toBeLessThan(ob!.arrivalMs);
    expect(Math.abs(top!.arrivalMs - Date.now())).toBeLessThan(60_000);
    expect(Number.isInteger(top!.arrivalMs) && Number.isInteger(ob!.arrivalMs)).toBe(false);
    expect(JSON.stringify(sb.log)).not.toContain(DEMO.secret);
  });
});
