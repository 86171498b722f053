/** Starting and steering quota-worker.ts processes (the crash test and `bench:limiter`). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface QuotaWorker {
  child: ChildProcess;
  ready: Promise<void>;
  go(): void;
  stop(): void;
  /** `sent` when it stopped normally; rejects when it failed; `undefined` when it was killed. */
  done: Promise<{ sent: number } | undefined>;
}

export function startQuotaWorker(job: object): QuotaWorker {
  // The timeout kills a worker that does not exit: a connection left open would keep it alive.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'quota-worker.ts'), JSON.stringify(job)], {
    timeout: 120_000,
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ sent: number } | undefined>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve(undefined);
      if (code !== 0) return reject(new Error(`worker exited with ${code ?? signal}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { sent: number });
    });
  });
  return { child, ready, done, go: () => child.stdin.write('go\n'), stop: () => child.stdin.write('stop\n') };
}
