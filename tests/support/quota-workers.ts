/**
 * Starting and steering worker processes that share a quota (quota-worker.ts, or a test's own
 * fixture speaking the same protocol: `ready` out, `go` / `stop` in, a JSON summary as the last line).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface QuotaWorker {
  child: ChildProcess;
  ready: Promise<void>;
  go(): void;
  stop(): void;
  /** From now on its calls stay running after their answer; resolves when the first one does. */
  hold(): Promise<void>;
  /** `sent` when it stopped normally; rejects when it failed; `undefined` when it was killed. */
  done: Promise<{ sent: number } | undefined>;
}

/** `script` run with tsx and `job` as its JSON argument; killed after `timeoutMs` if it does not exit. */
export function startWorker(script: string, job: object, timeoutMs = 120_000): QuotaWorker {
  // The timeout kills a worker that does not exit: a connection left open would keep it alive.
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { timeout: timeoutMs });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  let markHeld: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready')) markReady();
    if (stdout.includes('held')) markHeld();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ sent: number } | undefined>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve(undefined);
      if (code !== 0) return reject(new Error(`worker exited with ${code ?? signal}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { sent: number });
    });
  });
  const hold = (): Promise<void> => {
    child.stdin.write('hold\n');
    return held;
  };
  return { child, ready, done, hold, go: () => child.stdin.write('go\n'), stop: () => child.stdin.write('stop\n') };
}

/** A quota-worker.ts process (calls the sandbox until `stop`). */
export function startQuotaWorker(job: object): QuotaWorker {
  return startWorker(join(__dirname, 'quota-worker.ts'), job);
}
