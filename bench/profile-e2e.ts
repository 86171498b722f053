/**
 * The end-to-end loop alone under V8's CPU profiler (the profiler `node --cpu-prof` uses, started
 * through node:inspector after a warm-up, so that loading and compiling the code is not counted):
 * PROFILE_CALLS (5 000) `alibaba.item.get` calls through open1688 at PROFILE_CONCURRENCY (16) against the
 * sandbox in its own process, written to PROFILE_OUT (/tmp/open1688-e2e.cpuprofile) and summarised
 * by bench/profile-summary.ts. PROFILE_TRANSPORT=axios profiles the axios transport instead.
 * Run: tsx bench/profile-e2e.ts && tsx bench/profile-summary.ts /tmp/open1688-e2e.cpuprofile
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { OpenClient } from '../src/client';
import { SANDBOX_DEFAULTS } from '../src/sandbox/index';
import { AxiosTransport } from '../src/transport/axios-transport';
import { startSandboxProcess } from './sandbox-process';

const CALLS = Number(process.env.PROFILE_CALLS ?? 5_000);
const OUT = process.env.PROFILE_OUT ?? '/tmp/open1688-e2e.cpuprofile';
const CONCURRENCY = Number(process.env.PROFILE_CONCURRENCY ?? 16);

async function run(client: OpenClient, calls: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next++ < calls) await client.call('alibaba.item.get', { item_id: '610947572360' });
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (calls / (performance.now() - started)) * 1000;
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess({ limits: false, logLimit: 1_000 });
  const transport =
    process.env.PROFILE_TRANSPORT === 'axios'
      ? new AxiosTransport({ maxBodyBytes: 10 * 1024 * 1024, userAgent: 'open1688' })
      : undefined;
  const client = new OpenClient({
    dialect: 'top',
    appKey: SANDBOX_DEFAULTS.appKey,
    appSecret: SANDBOX_DEFAULTS.appSecret,
    baseUrl: sandbox.urls.top,
    limits: false,
    transport,
  });
  await run(client, 500);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const rate = await run(client, CALLS);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(OUT, JSON.stringify(profile));
  console.log(`${CALLS} calls at concurrency ${CONCURRENCY}: ${Math.round(rate)} calls/s; profile in ${OUT}`);
  await client.close();
  await transport?.close();
  await sandbox.close();
}

void main();
