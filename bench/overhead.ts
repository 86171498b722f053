/**
 * What OpenClient costs over a bare HTTP request: 5 000 `client.call` (limits off) against the local
 * sandbox at concurrency 16, next to a raw axios GET of the same pre-signed URLs on a keep-alive
 * agent. Rounds alternate between the two so that both see the same machine state; the figure is the
 * median of the pairwise round ratios (client time / raw time; target ≤ 1.15×). Run: npm run bench:overhead
 */
import http from 'node:http';
import axios from 'axios';
import { Clock } from '../src/clock';
import { OpenClient } from '../src/client';
import { AopDialect } from '../src/dialects/aop';
import { OneboundDialect } from '../src/dialects/onebound';
import { TopDialect } from '../src/dialects/top';
import type { DialectAdapter } from '../src/dialects/types';
import { SANDBOX_DEFAULTS, startSandbox } from '../src/sandbox/index';
import { median } from './measure';

const CALLS = 5_000;
// Many short alternating rounds: the machine is shared, so each client round is compared with the raw
// round next to it, and the median of those pairwise ratios is reported.
const ROUNDS = 10;
const CONCURRENCY = 16;

interface Case {
  name: string;
  dialect: 'top' | 'aop' | 'onebound';
  api: string;
  params: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'top alibaba.item.get', dialect: 'top', api: 'alibaba.item.get', params: { item_id: '610947572360' } },
  {
    name: 'top item_search_shop (40 items, ids > 2^53)',
    dialect: 'top',
    api: 'item_search_shop',
    params: { seller_nick: 'b2b-2200733087881719de' },
  },
  {
    name: 'aop alibaba.product.get',
    dialect: 'aop',
    api: 'com.alibaba.product/alibaba.product.get',
    params: { productID: '610947572360' },
  },
  { name: 'onebound item_get', dialect: 'onebound', api: 'item_get', params: { num_iid: '610947572360' } },
];

async function inParallel(count: number, run: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  // OneBound counts calls against a daily quota: give the bench app room for every round.
  const sandbox = await startSandbox({
    limits: false,
    logLimit: 1_000,
    apps: [
      {
        appKey: SANDBOX_DEFAULTS.appKey,
        appSecret: SANDBOX_DEFAULTS.appSecret,
        accessTokens: [SANDBOX_DEFAULTS.accessToken],
        dailyQuota: 1_000_000,
      },
    ],
  });
  const agent = new http.Agent({ keepAlive: true });
  const raw = axios.create({ httpAgent: agent });
  const credentials = {
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    signMethod: 'md5' as const,
    session: undefined,
  };
  const perRound = CALLS / ROUNDS;
  console.log(
    `open1688 overhead: ${CALLS} calls per contender, ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}`,
  );
  const ratios: number[] = [];
  // `npm run bench:overhead -- shop` runs only the cases whose name contains "shop".
  const filter = process.argv[2];
  for (const c of CASES.filter((x) => filter === undefined || x.name.includes(filter))) {
    const client = new OpenClient({
      dialect: c.dialect,
      appKey: SANDBOX_DEFAULTS.appKey,
      appSecret: SANDBOX_DEFAULTS.appSecret,
      accessToken: SANDBOX_DEFAULTS.accessToken,
      baseUrl: sandbox.urls[c.dialect],
      limits: false,
    });
    const adapter: DialectAdapter =
      c.dialect === 'top'
        ? new TopDialect(credentials)
        : c.dialect === 'aop'
          ? new AopDialect(credentials)
          : new OneboundDialect(credentials);
    const clock = new Clock();
    // Pre-signed once, outside the timed loop: the raw contender pays for nothing but HTTP + JSON.parse.
    const urls = Array.from(
      { length: perRound },
      () =>
        adapter.build({
          apiName: c.api,
          params: c.params,
          baseUrl: sandbox.urls[c.dialect],
          httpMethod: 'GET',
          nowMs: clock.now(),
          beijingTimestamp: clock.timestamp(),
          accessToken: SANDBOX_DEFAULTS.accessToken,
        }).url,
    );
    // Warm-up: sockets, JIT.
    await inParallel(500, (i) => raw.get(urls[i % urls.length] as string));
    await inParallel(500, () => client.call(c.api, c.params, { httpMethod: 'GET' }));
    const rawMs: number[] = [];
    const clientMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rawMs.push(
        await inParallel(perRound, async (i) => {
          const response = await raw.get(urls[i] as string);
          if (response.status !== 200) throw new Error(`raw GET answered ${response.status}`);
        }),
      );
      clientMs.push(await inParallel(perRound, () => client.call(c.api, c.params, { httpMethod: 'GET' })));
    }
    const pairwise = clientMs.map((ms, i) => ms / (rawMs[i] as number));
    const ratio = median(pairwise);
    ratios.push(ratio);
    const rate = (ms: number): string => `${Math.round((perRound / ms) * 1000).toLocaleString('en-US')} calls/s`;
    console.log(
      `${c.name.padEnd(46)} raw axios ${rate(median(rawMs)).padStart(14)}   client.call ${rate(median(clientMs)).padStart(14)}   ratio ${ratio.toFixed(3)}× (rounds ${Math.min(...pairwise).toFixed(2)}–${Math.max(...pairwise).toFixed(2)})`,
    );
    await client.close();
  }
  console.log(`overall (median of cases): ${median(ratios).toFixed(3)}× (target ≤ 1.15×)`);
  agent.destroy();
  await sandbox.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
